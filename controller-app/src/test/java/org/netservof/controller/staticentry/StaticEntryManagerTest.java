package org.netservof.controller.staticentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.staticentry.StaticEntry;
import org.netservof.controller.api.staticentry.StaticEntryStore;
import org.netservof.controller.api.staticentry.UnknownSwitchException;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.FakeSwitchService;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFGroupDelete;
import org.projectfloodlight.openflow.protocol.OFGroupModify;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;

class StaticEntryManagerTest {
  private static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);
  private static final OFFactory OF10 = OFFactories.getFactory(OFVersion.OF_10);
  private final FakeSwitchService switches = new FakeSwitchService();
  private final FakeSwitch sw = new FakeSwitch(1, OFVersion.OF_13, 3);
  private final MemoryStoreService stores = new MemoryStoreService();
  private StaticEntryStore store;
  private StaticEntryManager manager;

  @BeforeEach
  void start() {
    store = new StoredStaticEntries(stores);
    // Background work runs at once, on the caller's thread: the test sees its effect when the call returns.
    manager = new StaticEntryManager(store, switches, Runnable::run);
    store.addListener(manager, store.revision());
    switches.add(sw);
  }

  private static OFFlowAdd flow(OFFactory f, int inPort, int outPort) {
    return f.buildFlowAdd().setXid(10L * inPort + outPort).setPriority(100)
        .setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(inPort)).build())
        .setActions(List.of(f.actions().output(OFPort.of(outPort), 0xffff))).build();
  }

  private static OFGroupAdd group(int id) {
    return OF13.buildGroupAdd().setXid(id).setGroup(OFGroup.of(id)).setGroupType(OFGroupType.SELECT)
        .setBuckets(List.of(OF13.buildBucket().setWeight(1).setWatchPort(OFPort.ANY).setWatchGroup(OFGroup.ANY)
            .setActions(List.of(OF13.actions().output(OFPort.of(2), 0xffff))).build())).build();
  }

  private static StaticEntry entry(String name, OFMessage add) {
    return StaticEntry.of(name, DatapathId.of(1), true, add);
  }

  @Test
  void aPushIsWrittenThenStoredAndListed() throws Exception {
    manager.push(entry("f1", flow(OF13, 1, 2)));

    assertThat(sw.take()).containsExactly(flow(OF13, 1, 2));
    assertThat(manager.get("f1")).isPresent();
    assertThat(manager.list(Optional.empty())).containsOnlyKeys(DatapathId.of(1));
    assertThat(manager.list(Optional.of(DatapathId.of(9)))).isEmpty();
  }

  @Test
  void anEntryForASwitchNotConnectedIsRefusedAndNotKept() {
    StaticEntry elsewhere = StaticEntry.of("f1", DatapathId.of(9), true, flow(OF13, 1, 2));
    assertThatThrownBy(() -> manager.push(elsewhere)).isInstanceOf(UnknownSwitchException.class)
        .hasMessageContaining("not connected");
    assertThat(store.all()).isEmpty();
  }

  @Test
  void aRefusedChangeKeepsTheOldVersionEverywhere() throws Exception {
    manager.push(entry("f1", flow(OF13, 1, 2)));
    sw.take();
    sw.refuseNextConfirmed(new IllegalStateException("refused: BAD_OUT_PORT"));

    assertThatThrownBy(() -> manager.push(entry("f1", flow(OF13, 3, 2)))).hasMessageContaining("refused");
    assertThat(sw.take()).isEmpty();
    assertThat(manager.get("f1").orElseThrow().add()).isEqualTo(flow(OF13, 1, 2));
  }

  @Test
  void anEntryThatBecomesAnotherObjectIsAddedBeforeTheOldOneGoes() throws Exception {
    manager.push(entry("f1", flow(OF13, 1, 2)));
    sw.take();

    manager.push(entry("f1", flow(OF13, 3, 2)));

    List<OFMessage> written = sw.take();
    assertThat(written).hasSize(2);
    assertThat(written.get(0)).isEqualTo(flow(OF13, 3, 2));
    assertThat(written.get(1)).isInstanceOf(OFFlowDeleteStrict.class);
    assertThat(((OFFlowDeleteStrict) written.get(1)).getMatch()).isEqualTo(flow(OF13, 1, 2).getMatch());
  }

  @Test
  void aChangedGroupIsModifiedInPlace() throws Exception {
    manager.push(entry("g1", group(5)));
    sw.take();
    manager.push(entry("g1", group(5)));
    assertThat(sw.take()).singleElement().isInstanceOf(OFGroupModify.class);
  }

  @Test
  void removeDeletesFromTheSwitchAndClearTakesFlowsBeforeGroups() throws Exception {
    manager.push(entry("g1", group(5)));
    manager.push(entry("f1", flow(OF13, 1, 2)));
    manager.push(entry("f2", flow(OF13, 2, 1)));
    sw.take();

    assertThat(manager.remove("f2")).isTrue();
    assertThat(sw.take()).singleElement().isInstanceOf(OFFlowDeleteStrict.class);
    assertThat(manager.remove("f2")).isFalse();

    assertThat(manager.clear(Optional.of(DatapathId.of(1)))).isEqualTo(2);
    assertThat(sw.take()).extracting(OFMessage::getClass).map(Class::getInterfaces).map(i -> i[0])
        .containsExactly(OFFlowDeleteStrict.class, OFGroupDelete.class);
    assertThat(store.all()).isEmpty();
  }

  @Test
  void anInactiveEntryIsKeptButNotWritten() throws Exception {
    manager.push(StaticEntry.of("f1", DatapathId.of(1), false, flow(OF13, 1, 2)));
    assertThat(sw.take()).isEmpty();
    assertThat(manager.get("f1")).isPresent();
    assertThat(manager.remove("f1")).isTrue();
    assertThat(sw.take()).isEmpty();
  }

  @Test
  void whatAnotherWriterPutsInTheStoreOrRemovesFromItReachesTheSwitch() {
    store.put("f1", entry("f1", flow(OF13, 1, 2)), Optional.empty());
    assertThat(sw.take()).containsExactly(flow(OF13, 1, 2));

    store.remove("f1");
    assertThat(sw.take()).singleElement().isInstanceOf(OFFlowDeleteStrict.class);
  }

  @Test
  void aSwitchThatConnectsGetsItsEntriesAgainGroupsFirst() throws Exception {
    manager.push(entry("f1", flow(OF13, 1, 2)));
    manager.push(entry("g1", group(5)));

    assertThat(manager.messages(sw).toCompletableFuture().join()).as("its part of the switch's set-up").extracting(OFMessage::getClass).map(Class::getInterfaces).map(i -> i[0])
        .containsExactly(OFGroupDelete.class, OFGroupAdd.class, OFFlowAdd.class);
  }

  @Test
  void entriesComeBackAfterARestartAndGoToTheirSwitchWhenItConnects() throws Exception {
    manager.push(entry("f1", flow(OF13, 1, 2)));
    manager.push(entry("g1", group(5)));
    // A new manager over the same stores: what a controller restarted over its durable store builds.
    StaticEntryManager restarted = new StaticEntryManager(new StoredStaticEntries(stores), switches, Runnable::run);

    assertThat(restarted.list(Optional.empty()).get(DatapathId.of(1))).extracting(StaticEntry::name)
        .containsExactly("f1", "g1");
    assertThat(restarted.messages(sw).toCompletableFuture().join()).contains(flow(OF13, 1, 2), group(5));
  }

  @Test
  void aGroupTheSwitchKeptIsModifiedInPlaceNotDeletedWithTheFlowsThatUseIt() {
    List<OFMessage> batch = StaticEntryMessages.reinstall(List.of(flow(OF13, 1, 2), group(5), group(6)), OF13,
        Optional.of(Set.of(OFGroup.of(5))));

    assertThat(batch).extracting(OFMessage::getClass).map(Class::getInterfaces).map(i -> i[0])
        .containsExactly(OFGroupModify.class, OFGroupAdd.class, OFFlowAdd.class);
    assertThat(((OFGroupModify) batch.get(0)).getGroup()).isEqualTo(OFGroup.of(5));
  }

  @Test
  void aSwitchBackInAnotherVersionGetsTheEntryInThatVersion() throws Exception {
    manager.push(new StaticEntry("f1", DatapathId.of(1), true, List.of(flow(OF13, 1, 2), flow(OF10, 1, 2))));
    FakeSwitch again = new FakeSwitch(1, OFVersion.OF_10, 3);

    assertThat(manager.messages(again).toCompletableFuture().join()).containsExactly(flow(OF10, 1, 2));
  }

  @Test
  void anEntryHoldsOneMessagePerVersionOfOneKind() {
    assertThatThrownBy(() -> new StaticEntry("x", DatapathId.of(1), true, List.of(flow(OF13, 1, 2), group(1))))
        .hasMessageContaining("same kind");
    assertThatThrownBy(() -> new StaticEntry("x", DatapathId.of(1), true, List.of(flow(OF13, 1, 2),
        flow(OF13, 2, 1)))).hasMessageContaining("one message per OpenFlow version");
    assertThatThrownBy(() -> new StaticEntry("x", DatapathId.of(1), true, List.of())).hasMessageContaining("no message");
  }
}
