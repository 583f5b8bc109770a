package org.netservof.controller.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.testing.EmbeddedSwitch;
import org.netservof.controller.testing.LogCapture;
import org.netservof.controller.testing.RecordingActivator;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;

/** The switch allow-list on the real pipeline, and the configuration of who may be a switch. */
@org.junit.jupiter.api.extension.ExtendWith(org.netservof.controller.testing.NoNettyLeaks.class)
class SwitchAdmissionTest {
  private static final DatapathId ALLOWED = DatapathId.of(0x5e01L);
  private static final DatapathId UNLISTED = DatapathId.of(0x5e02L);
  private final RecordingActivator activator = new RecordingActivator();
  private final SwitchAdmission admission = new SwitchAdmission(Optional.empty(), Set.of(ALLOWED));

  @Test
  void aDpidOffTheAllowListIsClosedOnFeaturesReplyHavingReceivedNothingMoreAndIsLoggedAndCounted() {
    try (LogCapture log = new LogCapture();
        EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator, admission)) {
      sw.expect(OFType.HELLO, org.projectfloodlight.openflow.protocol.OFHello.class);
      sw.send(sw.factory.buildHello().build());
      OFFeaturesRequest features = sw.expect(OFType.FEATURES_REQUEST, OFFeaturesRequest.class);
      sw.send(sw.factory.buildFeaturesReply().setXid(features.getXid()).setDatapathId(UNLISTED)
          .setNTables((short) 254).build());

      assertThat(sw.channel.isOpen()).as("connection of a DPID off the allow-list").isFalse();
      assertThat(sw.drain()).as("what the controller sent after FEATURES_REPLY").isEmpty();
      assertThat(activator.handshake).as("the switch was never activated").isNull();
      assertThat(admission.refusedCount()).isEqualTo(1);
      assertThat(log.problems()).anySatisfy(p -> assertThat(p)
          .contains("refused switch " + UNLISTED + " from ").contains("not on switch-allow-list"));
    }
  }

  @Test
  void aDpidOnTheAllowListCompletesTheHandshake() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator, admission)) {
      sw.completeHandshake(ALLOWED, 2);
      assertThat(activator.handshake.features().getDatapathId()).isEqualTo(ALLOWED);
      assertThat(admission.refusedCount()).isZero();
    }
  }

  @Test
  void anEmptyAllowListAdmitsAnyDpid() {
    SwitchAdmission any = SwitchAdmission.configured(OpenFlowTls.NONE, List.of(), refusal -> {});
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_10, OpenFlowConfig.DEFAULTS, activator, any)) {
      sw.completeHandshake(UNLISTED, 1);
      assertThat(activator.handshake).isNotNull();
      assertThat(any.tls()).isFalse();
    }
  }

  @Test
  void allowListEntriesAreDpidsWithOrWithoutColons() {
    assertThat(SwitchAdmission.parseDpid("00:00:00:00:00:00:5e:01")).isEqualTo(ALLOWED);
    assertThat(SwitchAdmission.parseDpid("0000000000005E01")).isEqualTo(ALLOWED);
    assertThatThrownBy(() -> SwitchAdmission.configured(OpenFlowTls.NONE, List.of("5e01"), refusal -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("switch-allow-list: '5e01' is not a DPID (16 hex digits, optionally in colon-separated pairs: "
            + "00:00:00:00:00:00:00:01)");
  }

  @Test
  void tlsNeedsKeyCertAndCaTogether() {
    assertThatThrownBy(() -> new OpenFlowTls("/k", "/c", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openflow-tls needs key, cert and ca together");
  }

  @Test
  void anUnreadableTlsFileIsNamed(@TempDir Path dir) throws Exception {
    Path key = Files.writeString(dir.resolve("k.pem"), "not a key");
    OpenFlowTls tls = new OpenFlowTls(key.toString(), dir.resolve("missing.pem").toString(), key.toString());
    assertThatThrownBy(() -> SwitchAdmission.configured(tls, List.of(), refusal -> {}))
        .hasMessage("openflow-tls.cert: cannot read the file " + dir.resolve("missing.pem"));
  }

  @Test
  void aKeyThatIsNotPemPkcs8IsRefusedSayingHowToConvertIt(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a key");
    OpenFlowTls tls = new OpenFlowTls(junk.toString(), junk.toString(), junk.toString());
    assertThatThrownBy(() -> SwitchAdmission.configured(tls, List.of(), refusal -> {}))
        .hasMessageStartingWith("openflow-tls: cannot use key " + junk)
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }
}
