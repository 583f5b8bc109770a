package org.netservof.policy.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

class PlanDiffTest {
  private static final OFFactory F = OFFactories.getFactory(OFVersion.OF_13);
  private static final DatapathId S1 = DatapathId.of(1);

  private static FlowEntry entry(int inPort, int out) {
    return new FlowEntry(S1, 100, F.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(inPort)).build(),
        List.of(F.actions().output(OFPort.of(out), 0xffff)), U64.of(0x10));
  }

  private static GroupEntry group(int... outs) {
    return new GroupEntry(S1, OFGroup.of(7), OFGroupType.SELECT, java.util.Arrays.stream(outs)
        .mapToObj(o -> new GroupEntry.Bucket(1, List.of(F.actions().output(OFPort.of(o), 0xffff)))).toList());
  }

  private static FlowEntry toGroup(int inPort) {
    return new FlowEntry(S1, 100, F.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(inPort)).build(),
        List.of(F.actions().group(OFGroup.of(7))), U64.of(0x10));
  }

  @Test
  void identicalPlansNeedNothing() {
    Plan p = Plan.builder().add(entry(1, 2)).add(group(3, 4)).build();
    assertThat(PlanDiff.between(p, p).isEmpty()).isTrue();
  }

  @Test
  void newGroupsGoBeforeTheEntriesThatUseThemAndDeletesWaitForPhaseTwo() {
    Plan installed = Plan.builder().add(entry(1, 2)).build();
    Plan desired = Plan.builder().add(toGroup(5)).add(group(3, 4)).build();
    PlanDiff d = PlanDiff.between(installed, desired);
    List<OFMessage> make = d.make(x -> F).get(S1);
    assertThat(make).extracting(OFMessage::getType).containsExactly(OFType.GROUP_MOD, OFType.FLOW_MOD);
    OFBucket bucket = ((OFGroupAdd) make.get(0)).getBuckets().get(0);
    assertThat(bucket.getWatchGroup()).as("watch group ANY, not Loxi's ALL").isEqualTo(OFGroup.ANY);
    assertThat(bucket.getWatchPort()).isEqualTo(OFPort.ANY);
    assertThat(d.breakOld(x -> F).get(S1)).extracting(OFMessage::getType).containsExactly(OFType.FLOW_MOD);
  }

  @Test
  void aChangedGroupIsModifiedInPlaceAndItsEntriesStay() {
    Plan installed = Plan.builder().add(toGroup(5)).add(group(2, 3, 4)).build();
    Plan desired = Plan.builder().add(toGroup(5)).add(group(2, 4)).build();
    PlanDiff d = PlanDiff.between(installed, desired);
    assertThat(d.groupsToModify()).hasSize(1);
    assertThat(d.flowsToWrite()).isEmpty();
    assertThat(d.flowsToDelete()).isEmpty();
    assertThat(d.breakOld(x -> F)).isEmpty();
  }

  @Test
  void aChangedEntryIsRewrittenNotDeleted() {
    Plan installed = Plan.builder().add(entry(1, 2)).build();
    Plan desired = Plan.builder().add(entry(1, 3)).build();
    PlanDiff d = PlanDiff.between(installed, desired);
    assertThat(d.flowsToWrite()).hasSize(1);
    assertThat(d.flowsToDelete()).isEmpty();
    assertThat(((OFFlowAdd) d.make(x -> F).get(S1).get(0)).getPriority()).isEqualTo(100);
  }

  @Test
  void removingEverythingDeletesEntriesBeforeTheirGroup() {
    Plan installed = Plan.builder().add(toGroup(5)).add(group(3)).build();
    Map<DatapathId, List<OFMessage>> brk = PlanDiff.between(installed, Plan.empty()).breakOld(x -> F);
    assertThat(brk.get(S1)).extracting(OFMessage::getType).containsExactly(OFType.FLOW_MOD, OFType.GROUP_MOD);
  }

  @Test
  void twoDifferentWantsForOneEntryAreRefused() {
    assertThatThrownBy(() -> Plan.builder().add(entry(1, 2)).add(entry(1, 3)))
        .hasMessageContaining("two different entries");
    assertThat(Plan.builder().add(entry(1, 2)).add(entry(1, 2)).build().flows()).hasSize(1);
  }
}
