package org.netservof.node.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.netservof.protocol.node.ListenGrant;

/**
 * What the node's service address answers: nftables rules the root agent puts in the node's network namespace
 * before the address goes on the data-plane interface. Only the ports some user's grant names reach the address
 * (other TCP is reset, other UDP refused), besides the replies to connections a module opened ({@code
 * connect-to}, conntrack's established state), so a daemon of the node's own listening on every address (0.0.0.0)
 * is not reachable there; nothing reaches the node's other addresses by the data-plane interface; and nothing
 * leaves from the service address by another interface than the data plane's (with SO_BINDTODEVICE on every
 * module socket, see {@link ServerSockets}). The granted ports follow the grants the controller sends.
 */
final class ServiceFirewall {
  static final String TABLE = "netserv_service";
  private final Inet4Address address;
  private final String device;

  ServiceFirewall(Inet4Address address, String device) {
    this.address = address;
    this.device = device;
  }

  /** Puts the rules in place (replacing the agent's earlier ones), with no port open yet. */
  void install() throws IOException {
    nft(ruleset(address, device));
  }

  /** Opens exactly {@code ports} on the service address (the union of the grants in force). */
  void open(Collection<ListenGrant.Port> ports) throws IOException {
    nft(ports(ports));
  }

  /** The whole ruleset: the table made anew (the {@code table; delete table} pair makes it idempotent). */
  static String ruleset(Inet4Address address, String device) {
    String a = address.getHostAddress();
    if (!device.matches("[A-Za-z0-9_.-]{1,15}")) {
      throw new IllegalArgumentException("interface name '" + device + "' is not one nftables can be given");
    }
    return String.join("\n", List.of(
        "table inet " + TABLE,
        "delete table inet " + TABLE,
        "table inet " + TABLE + " {",
        "  set tcp_ports { type inet_service; }",
        "  set udp_ports { type inet_service; }",
        "  chain input {",
        "    type filter hook input priority 0; policy accept;",
        // Replies to a module's own outgoing connections (connect-to); a new connection still needs a granted port.
        "    ip daddr " + a + " ct state established,related accept",
        "    ip daddr " + a + " tcp dport @tcp_ports accept",
        "    ip daddr " + a + " udp dport @udp_ports accept",
        "    ip daddr " + a + " meta l4proto tcp reject with tcp reset",
        "    ip daddr " + a + " meta l4proto udp reject",
        "    iifname \"" + device + "\" ip daddr != " + a + " meta l4proto { tcp, udp } drop",
        "  }",
        "  chain output {",
        "    type filter hook output priority 0; policy accept;",
        "    ip saddr " + a + " oifname != \"" + device + "\" drop",
        "  }",
        "}", ""));
  }

  /** The sets of open ports replaced by {@code ports}. */
  static String ports(Collection<ListenGrant.Port> ports) {
    StringBuilder out = new StringBuilder();
    for (String protocol : List.of("tcp", "udp")) {
      TreeSet<Integer> numbers = ports.stream().filter(p -> p.protocol().equals(protocol))
          .map(ListenGrant.Port::port).collect(Collectors.toCollection(TreeSet::new));
      out.append("flush set inet ").append(TABLE).append(' ').append(protocol).append("_ports\n");
      if (!numbers.isEmpty()) {
        out.append("add element inet ").append(TABLE).append(' ').append(protocol).append("_ports { ")
            .append(numbers.stream().map(String::valueOf).collect(Collectors.joining(", "))).append(" }\n");
      }
    }
    return out.toString();
  }

  /** Runs {@code nft -f -} on {@code script}, in one transaction; fails with what nft said. */
  private static void nft(String script) throws IOException {
    Process p;
    try {
      p = new ProcessBuilder("nft", "-f", "-").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("a node with a service address needs nftables (nft): " + e.getMessage(), e);
    }
    try (OutputStream in = p.getOutputStream()) {
      in.write(script.getBytes(StandardCharsets.UTF_8));
    }
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.destroyForcibly();
        throw new IOException("nft refused the service address's rules: " + said);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted setting the service address's rules", e);
    }
  }
}
