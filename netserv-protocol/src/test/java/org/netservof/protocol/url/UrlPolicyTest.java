package org.netservof.protocol.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which URLs an allow-list admits, and which addresses are refused without one. */
class UrlPolicyTest {
  private final UrlPolicy repos = new UrlPolicy("module-repositories", List.of("http://repo.example:8000/modules/",
      "https://cdn.example/netserv"));
  private final UrlPolicy open = UrlPolicy.publicOnly("module-repositories");

  @Test
  void aUrlIsUnderAPrefixOnlyWithTheSameSchemeHostPortAndAPathBelowIt() {
    assertThat(repos.refusal("http://repo.example:8000/modules/NetMonitor.jar")).isEmpty();
    assertThat(repos.refusal("http://REPO.example:8000/modules/a/b.jar?v=1")).isEmpty();
    assertThat(repos.refusal("https://cdn.example/netserv/m.jar")).isEmpty();
    assertThat(repos.refusal("https://cdn.example:443/netserv")).isEmpty();
    for (String outside : List.of("http://repo.example/modules/m.jar", "https://repo.example:8000/modules/m.jar",
        "http://repo.example:8000/other/m.jar", "http://repo.example.evil.com:8000/modules/m.jar",
        "http://repo.example:8000@evil.com/modules/m.jar", "https://cdn.example/netserv-evil/m.jar",
        "http://repo.example:8000/modules/../secret", "http://repo.example:8000/modules/%2e%2e/secret",
        "http://repo.example:8000/modules/a%2fb", "ftp://repo.example:8000/modules/m.jar", "not a url")) {
      assertThat(repos.refusal(outside)).as(outside).isPresent();
    }
    assertThat(repos.refusal("http://repo.example:8000/other/m.jar")).get().asString()
        .contains("is not under any of module-repositories");
  }

  @Test
  void anAllowListAdmitsItsServersWhateverTheirAddress() throws Exception {
    UrlPolicy lab = new UrlPolicy("module-repositories", List.of("http://127.0.0.1:8000/"));
    assertThat(lab.refusal("http://127.0.0.1:8000/m.jar")).isEmpty();
    assertThat(lab.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
  }

  @Test
  void withoutAnAllowListLiteralSpecialAddressesAreRefusedUpFrontAndNamesAtTheirAddress() throws Exception {
    assertThat(open.refusal("http://127.0.0.1/m.jar")).get().asString().contains("loopback")
        .contains("module-repositories");
    assertThat(open.refusal("http://[::1]/m.jar")).get().asString().contains("loopback");
    assertThat(open.refusal("http://10.1.2.3/m.jar")).get().asString().contains("private");
    assertThat(open.refusal("http://provider.example/m.jar")).as("a name is judged at its address").isEmpty();
    assertThat(open.refusal("http://198.51.100.7/m.jar")).isEmpty();
    assertThat(open.refusal(InetAddress.getByName("8.8.8.8"))).isEmpty();
    assertThat(open.refusal(InetAddress.getByName("192.168.0.5"))).isPresent();
  }

  @Test
  void specialRangesAreNamed() throws Exception {
    String[][] cases = {{"127.0.0.1", "loopback"}, {"10.0.0.1", "private"}, {"172.31.255.255", "private"},
        {"192.168.1.1", "private"}, {"169.254.169.254", "link-local"}, {"0.0.0.0", "this network"},
        {"100.64.0.1", "carrier-grade"}, {"224.0.0.1", "multicast"}, {"255.255.255.255", "broadcast"},
        {"::", "unspecified"}, {"::1", "loopback"}, {"fe80::1", "link-local"}, {"fd12::1", "unique local"},
        {"ff02::1", "multicast"}, {"::ffff:10.0.0.1", "private"}, {"64:ff9b::7f00:1", "loopback"},
        {"2002:a00:1::", "private"}, {"::127.0.0.1", "loopback"}};
    for (String[] c : cases) {
      assertThat(SpecialAddresses.kind(InetAddress.getByName(c[0]))).as(c[0]).get().asString().contains(c[1]);
    }
    for (String pub : List.of("8.8.8.8", "172.32.0.1", "2001:4860:4860::8888", "1.1.1.1")) {
      assertThat(SpecialAddresses.kind(InetAddress.getByName(pub))).as(pub).isEmpty();
    }
  }

  @Test
  void aBadPrefixIsRefusedNamingTheSetting() {
    for (String bad : List.of("repo.example/modules/", "ftp://repo.example/", "http://u@repo.example/",
        "http://repo.example/?a=b")) {
      assertThatThrownBy(() -> new UrlPolicy("module-repositories", List.of(bad))).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("module-repositories: '" + bad);
    }
  }
}
