package org.netservof.node.agent;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node's service address ({@code --service-address A/L}): an IPv4 address on its data-plane interface, where
 * server modules listen. The agent puts it on the interface, so the node answers ARP for it like any host and the
 * controller's host tracking learns it from the node's own frames; the fabric then routes to it as to a host.
 *
 * @param address the address, a unicast IPv4 address
 * @param prefixLength its subnet's prefix length, 1 to 32
 */
record ServiceAddress(Inet4Address address, int prefixLength) {
  private static final Pattern FORM = Pattern.compile("([0-9]{1,3}(?:\\.[0-9]{1,3}){3})/([0-9]{1,2})");

  /**
   * Reads {@code A/L}.
   *
   * @throws IllegalArgumentException naming what is wrong, in the option's words
   */
  static ServiceAddress parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("--service-address must be A.B.C.D/LEN, not '" + text + "'");
    }
    int length = Integer.parseInt(m.group(2));
    InetAddress a;
    try {
      for (String octet : m.group(1).split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          throw new IllegalArgumentException("--service-address: '" + text + "' has an octet over 255");
        }
      }
      a = InetAddress.getByName(m.group(1));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--service-address: '" + text + "' is not an address", e);
    }
    if (length < 1 || length > 32) {
      throw new IllegalArgumentException("--service-address: prefix length must be 1 to 32, not " + length);
    }
    if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isMulticastAddress() || a.isLinkLocalAddress()
        || m.group(1).equals("255.255.255.255")) {
      throw new IllegalArgumentException("--service-address: " + m.group(1) + " is not a unicast host address");
    }
    return new ServiceAddress((Inet4Address) a, length);
  }

  /** Puts the address on {@code interfaceName} (replacing the same address if it is there already). */
  void configure(String interfaceName) throws IOException {
    Process p = new ProcessBuilder(List.of("ip", "addr", "replace", this.toString(), "dev", interfaceName))
        .redirectErrorStream(true).start();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        p.destroyForcibly();
        throw new IOException("cannot put " + this + " on " + interfaceName + ": " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted putting " + this + " on " + interfaceName, e);
    }
  }

  /**
   * A gratuitous ARP request for {@code address} from {@code mac}: sent untagged from the node's own port, it is
   * what the controller's host tracking learns the node's service address from (and, repeated, keeps it fresh).
   */
  static byte[] announcement(byte[] mac, Inet4Address address) {
    java.nio.ByteBuffer f = java.nio.ByteBuffer.allocate(60);
    f.put(new byte[] {-1, -1, -1, -1, -1, -1}).put(mac).putShort((short) 0x0806);
    f.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
    f.put(mac).put(address.getAddress()).put(new byte[6]).put(address.getAddress());
    return f.array();
  }

  @Override
  public String toString() {
    return address.getHostAddress() + "/" + prefixLength;
  }
}
