package org.netservof.controller.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenFlowServerTest {

  private static OpenFlowConfig withIoThreads(int n) {
    OpenFlowConfig d = OpenFlowConfig.DEFAULTS;
    return new OpenFlowConfig(d.versions(), d.handshakeTimeout(), d.echoInterval(), d.echoTimeout(),
        d.requestTimeout(), d.missSendLen(), d.role(), d.writeBatch(), d.errorWindow(), n);
  }

  @Test
  void byDefaultOneIoThreadPerCoreTheProcessMayUse() {
    assertThat(OpenFlowServer.ioThreads(OpenFlowConfig.DEFAULTS))
        .isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void aConfiguredCountIsTaken() {
    assertThat(OpenFlowServer.ioThreads(withIoThreads(3))).isEqualTo(3);
  }
}
