package org.netservof.node.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** A server module's socket is bound to the data-plane interface as well as to the address, or not at all. */
class InetSocketsTest {
  private static final Inet4Address LOOPBACK = (Inet4Address) InetAddress.getLoopbackAddress();

  @Test
  void aSocketIsBoundToItsDeviceAndAnUnknownDeviceIsAClearFailure() throws Exception {
    int udp = InetSockets.bindUdp(LOOPBACK, 0, "lo");
    int tcp = InetSockets.bindTcp(LOOPBACK, 0, "lo");
    assertThat(udp).isNotNegative();
    assertThat(tcp).isNotNegative();
    InetSockets.close(udp);
    InetSockets.close(tcp);
    assertThatThrownBy(() -> InetSockets.bindUdp(LOOPBACK, 0, "nsnodev0")).isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot bind udp 127.0.0.1:0");
  }
}
