package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
    setups.addSetup(fixed("static-entries", SwitchSetupStage.STATIC, 40));
    setups.addSetup(fixed("signaling-capture", SwitchSetupStage.CAPTURE, 30));
    setups.addSetup(fixed("lldp-capture", SwitchSetupStage.CAPTURE, 20));
    setups.addSetup(fixed("steering-clean", SwitchSetupStage.CLEAN, 10));
    assertThat(setups.setups()).containsExactly("steering-clean", "lldp-capture", "signaling-capture",
        "static-entries");
    assertThat(setups.setUp(sw)).isCompleted();
    assertThat(xids()).containsExactly(10L, 20L, 30L, 40L);
  }

  @Test
  void aStageThatAsksTheSwitchFirstHoldsTheLaterStagesBack() {
    CompletableFuture<List<OFMessage>> clean = new CompletableFuture<>();
    setups.addSetup(later("steering-clean", clean));
    setups.addSetup(fixed("lldp-capture", SwitchSetupStage.CAPTURE, 20));
    CompletableFuture<Void> done = setups.setUp(sw);
    assertThat(done).isNotDone();
    assertThat(sw.written).isEmpty();
    clean.complete(List.of(echo(10)));
    assertThat(done).isCompleted();
    assertThat(xids()).containsExactly(10L, 20L);
  }

  @Test
  void aFailingContributorSendsNothingAndTheNextStagesStillRun() {
    setups.addSetup(later("steering-clean", CompletableFuture.failedFuture(new IllegalStateException("no stats"))));
    setups.addSetup(SwitchSetup.of("broken-capture", SwitchSetupStage.CAPTURE, s -> {
      throw new IllegalStateException("bug");
    }));
    setups.addSetup(fixed("static-entries", SwitchSetupStage.STATIC, 40));
    assertThat(setups.setUp(sw)).isCompleted();
    assertThat(xids()).containsExactly(40L);
  }

  @Test
  void aContributorAddedLaterSetsUpTheSwitchesAlreadyConnected() {
    connected.add(sw);
    setups.addSetup(fixed("lldp-capture", SwitchSetupStage.CAPTURE, 20));
    assertThat(xids()).containsExactly(20L);
  }

  @Test
  void namesAreUniqueAndARemovedContributorSendsNothing() {
    SwitchSetup capture = fixed("lldp-capture", SwitchSetupStage.CAPTURE, 20);
    setups.addSetup(capture);
    assertThatThrownBy(() -> setups.addSetup(fixed("lldp-capture", SwitchSetupStage.STATIC, 30)))
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

  private static SwitchSetup fixed(String name, SwitchSetupStage stage, long xid) {
    return SwitchSetup.of(name, stage, s -> List.of(echo(xid)));
  }

  private static SwitchSetup later(String name, CompletionStage<List<OFMessage>> messages) {
    return new SwitchSetup() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public SwitchSetupStage stage() {
        return SwitchSetupStage.CLEAN;
      }

      @Override
      public CompletionStage<List<OFMessage>> messages(OFSwitch sw) {
        return messages;
      }
    };
  }
}
