package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchSetup;
import org.netservof.controller.api.SwitchSetupStage;
import org.netservof.controller.testing.FakeSwitch;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;

class SwitchSetupsTest {
  private final List<OFSwitch> connected = new ArrayList<>();
  private final SwitchSetups setups = new SwitchSetups(() -> List.copyOf(connected));
  private final FakeSwitch sw = new FakeSwitch(1, OFVersion.OF_13, 2);

  @Test
  void aSwitchReceivesTheStagesInOrderThenNamesNotRegistrationOrder() {
    setups.addSetup(SwitchSetupStage.STATIC, "static-entries", fixed(40));
    setups.addSetup(SwitchSetupStage.CAPTURE, "signaling-capture", fixed(30));
    setups.addSetup(SwitchSetupStage.CAPTURE, "lldp-capture", fixed(20));
    setups.addSetup(SwitchSetupStage.CLEAN, "steering-clean", fixed(10));
    assertThat(setups.setups()).containsExactly("steering-clean", "lldp-capture", "signaling-capture",
        "static-entries");
    assertThat(setups.setUp(sw)).isCompleted();
    assertThat(xids()).containsExactly(10L, 20L, 30L, 40L);
  }

  @Test
  void aStageThatAsksTheSwitchFirstHoldsTheLaterStagesBack() {
    CompletableFuture<List<OFMessage>> clean = new CompletableFuture<>();
    setups.addSetup(SwitchSetupStage.CLEAN, "steering-clean", s -> clean);
    setups.addSetup(SwitchSetupStage.CAPTURE, "lldp-capture", fixed(20));
    CompletableFuture<Void> done = setups.setUp(sw);
    assertThat(done).isNotDone();
    assertThat(sw.written).isEmpty();
    clean.complete(List.of(echo(10)));
    assertThat(done).isCompleted();
    assertThat(xids()).containsExactly(10L, 20L);
  }

  @Test
  void aFailingContributorSendsNothingAndTheNextStagesStillRun() {
    setups.addSetup(SwitchSetupStage.CLEAN, "steering-clean",
        s -> CompletableFuture.failedFuture(new IllegalStateException("no stats")));
    setups.addSetup(SwitchSetupStage.CAPTURE, "broken-capture", s -> {
      throw new IllegalStateException("bug");
    });
    setups.addSetup(SwitchSetupStage.STATIC, "static-entries", fixed(40));
    assertThat(setups.setUp(sw)).isCompleted();
    assertThat(xids()).containsExactly(40L);
  }

  @Test
  void aContributorAddedLaterSetsUpTheSwitchesAlreadyConnected() {
    connected.add(sw);
    setups.addSetup(SwitchSetupStage.CAPTURE, "lldp-capture", fixed(20));
    assertThat(xids()).containsExactly(20L);
  }

  @Test
  void namesAreUniqueAndARemovedContributorSendsNothing() {
    SwitchSetup capture = fixed(20);
    setups.addSetup(SwitchSetupStage.CAPTURE, "lldp-capture", capture);
    assertThatThrownBy(() -> setups.addSetup(SwitchSetupStage.STATIC, "lldp-capture", fixed(30)))
        .hasMessageContaining("'lldp-capture' exists already");
    setups.removeSetup(capture);
    setups.setUp(sw);
    assertThat(sw.written).isEmpty();
  }

  private List<Long> xids() {
    return sw.written.stream().map(OFMessage::getXid).toList();
  }

  private static OFMessage echo(long xid) {
    return new FakeSwitch(9, OFVersion.OF_13, 0).factory().buildEchoRequest().setXid(xid).build();
  }

  private static SwitchSetup fixed(long xid) {
    return SwitchSetup.fixed(s -> List.of(echo(xid)));
  }
}
