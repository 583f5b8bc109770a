package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netservof.protocol.node.ListenGrant;

/** The service address's rules as nft is given them (applied for real by ServerModuleIT on a node). */
class ServiceFirewallTest {
  @Test
  void onlyGrantedPortsReachTheServiceAddressAndItsTrafficLeavesByTheDataPlaneOnly() throws Exception {
    String rules = ServiceFirewall.ruleset((Inet4Address) InetAddress.getByName("10.0.0.100"), "n1-eth0");
    assertThat(rules).contains("ip daddr 10.0.0.100 tcp dport @tcp_ports accept")
        .contains("ip daddr 10.0.0.100 meta l4proto tcp reject with tcp reset")
        .contains("iifname \"n1-eth0\" ip daddr != 10.0.0.100 meta l4proto { tcp, udp } drop")
        .contains("ip saddr 10.0.0.100 oifname != \"n1-eth0\" drop");
    assertThat(ServiceFirewall.ports(ListenGrant.parse(List.of("udp:3478", "tcp:80", "tcp:443")).ports()))
        .isEqualTo("flush set inet netserv_service tcp_ports\nadd element inet netserv_service tcp_ports { 80, 443 }\n"
            + "flush set inet netserv_service udp_ports\nadd element inet netserv_service udp_ports { 3478 }\n");
    assertThat(ServiceFirewall.ports(List.of())).as("a revocation closes every port")
        .isEqualTo("flush set inet netserv_service tcp_ports\nflush set inet netserv_service udp_ports\n");
  }

  @Test
  void repliesToAModulesOwnConnectionsGetInButUnsolicitedTrafficIsStillRefused() throws Exception {
    String rules = ServiceFirewall.ruleset((Inet4Address) InetAddress.getByName("10.0.0.100"), "n1-eth0");
    String replies = "ip daddr 10.0.0.100 ct state established,related accept";
    assertThat(rules).contains(replies);
    assertThat(rules.indexOf(replies)).as("before the rules that refuse")
        .isLessThan(rules.indexOf("ip daddr 10.0.0.100 meta l4proto tcp reject with tcp reset"))
        .isLessThan(rules.indexOf("ip daddr 10.0.0.100 meta l4proto udp reject"));
    assertThat(rules).doesNotContain("ct state new accept").doesNotContain("ct state established,related,new");
  }

  @Test
  void anInterfaceNameThatCouldCarryRulesOfItsOwnIsRefused() {
    assertThatThrownBy(() -> ServiceFirewall.ruleset((Inet4Address) InetAddress.getByName("10.0.0.100"),
        "eth0\" accept }; table inet x {")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not one nftables can be given");
  }
}
