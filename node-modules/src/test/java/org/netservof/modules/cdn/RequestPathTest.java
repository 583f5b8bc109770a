package org.netservof.modules.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.netservof.modules.common.ClientError;

class RequestPathTest {
  private static final String HOST = "10.0.0.100:8080";

  private static void assertRefused(String target) {
    assertThatThrownBy(() -> RequestPath.of(target, HOST)).as(target).isInstanceOfSatisfying(ClientError.class,
        e -> assertThat(e.code()).isEqualTo(400));
  }

  @Test
  void keepsOriginFormPathsAndQueries() throws Exception {
    assertThat(RequestPath.of("/video/a%20b.ts?x=1&y=%2F", HOST).value()).isEqualTo("/video/a%20b.ts?x=1&y=%2F");
    assertThat(RequestPath.of("/", HOST).value()).isEqualTo("/");
    assertThat(RequestPath.of("/a/..b/c.", HOST).value()).as("dots inside names are names").isEqualTo("/a/..b/c.");
  }

  @Test
  void acceptsAnAbsoluteUriOnlyForItsOwnHost() throws Exception {
    assertThat(RequestPath.of("http://10.0.0.100:8080/a?b", HOST).value()).isEqualTo("/a?b");
    assertThat(RequestPath.of("http://10.0.0.100:8080", HOST).value()).isEqualTo("/");
    assertRefused("http://10.0.0.1:8000/a");
    assertRefused("http://evil.example/a");
    assertRefused("https://10.0.0.100:8080/a");
    assertRefused("http://user@10.0.0.100:8080/a");
    assertThatThrownBy(() -> RequestPath.of("http://10.0.0.100:8080/a", null)).isInstanceOf(ClientError.class);
  }

  @Test
  void refusesTraversalAndStrangeCharacters() {
    for (String target : new String[] {"/../etc/passwd", "/a/../../b", "/a/./b", "/..", "/a/%2e%2e/b",
        "/a/%2E%2E/b", "/a%2fb", "/a%5Cb", "/a\\b", "/a%00b", "/a%0d%0aX: y", "/a%7f", "/a%", "/a%zz",
        "/a?b=%", "/a b", "/a\tb", "/ä", "/a#frag", "*", "a/b"}) {
      assertRefused(target);
    }
  }

  @Test
  void resolvesUnderTheOriginsPrefixOnItsHost() throws Exception {
    URI origin = CdnSettings.origin("http://10.0.0.1:8000/content/");
    assertThat(RequestPath.of("/v/1.ts?q", HOST).at(origin)).isEqualTo(URI.create(
        "http://10.0.0.1:8000/content/v/1.ts?q"));
    assertThat(RequestPath.of("//evil.example/x", HOST).at(CdnSettings.origin("http://10.0.0.1:8000")).getHost())
        .as("a path that looks like an authority stays a path").isEqualTo("10.0.0.1");
  }
}
