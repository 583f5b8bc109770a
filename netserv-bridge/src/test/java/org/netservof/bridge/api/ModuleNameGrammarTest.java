package org.netservof.bridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netservof.protocol.signaling.SignalCodec;
import org.netservof.protocol.signaling.SignalFormatException;

/** A module name the signaling wire accepts is one {@link ModuleInstall} accepts, and the other way round. */
class ModuleNameGrammarTest {
  private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @ParameterizedTest(name = "{0} accepted: {1}")
  @CsvSource({
      "NetMonitor_1.0, true",
      "NetServ.apps.NetMonitor_1.0.0, true",
      "KeepAliveResponder_1.0, true",
      "Rate-Limiter_2.0-rc1, true",
      "NetMon_v2, false",
      "2NetMon_1.0, false",
      "NetMonitor, false",
      "NetMonitor_, false",
      "_1.0, false",
      "Net_Mon_1.0, false",
      "../etc/passwd_1, false"})
  void theWireAndTheApiAgree(String module, boolean accepted) {
    assertThat(wireAccepts(module)).as("signaling wire check").isEqualTo(accepted);
    assertThat(installAccepts(module)).as("ModuleInstall").isEqualTo(accepted);
  }

  private static boolean wireAccepts(String module) {
    String setup = "SETUP " + module + " NETSERV/0.1\nttl:60\nuser:janedoe\nurl:http://h/m.jar\nmodule-sha256:"
        + SHA256 + "\nnonce:q7Zr-2mK_x91LpTe\ntimestamp:1790000000\nsignature:"
        + Base64.getEncoder().encodeToString(new byte[64]) + "\n\n";
    try {
      SignalCodec.parseRequest(setup.getBytes(StandardCharsets.US_ASCII));
      return true;
    } catch (SignalFormatException e) {
      assertThat(e).hasMessageContaining("module '" + module + "' is not NAME_VERSION");
      return false;
    }
  }

  private static boolean installAccepts(String module) {
    try {
      new ModuleInstall("janedoe", module, URI.create("http://h/m.jar"), SHA256, Map.of());
      return true;
    } catch (IllegalArgumentException e) {
      assertThat(e).hasMessageContaining("module '" + module + "' must be NAME_VERSION");
      return false;
    }
  }
}
