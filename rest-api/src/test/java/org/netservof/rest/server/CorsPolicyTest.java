package org.netservof.rest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorsPolicyTest {
  private final CorsPolicy policy = CorsPolicy.of(List.of("https://trusted.example", "http://dash.example:8080"));

  @ParameterizedTest
  @ValueSource(strings = {"https://trusted.example", "https://trusted.example:443", "HTTPS://Trusted.Example",
      "http://dash.example:8080"})
  void aListedOriginIsAllowedHoweverItsDefaultPortAndCaseAreWritten(String origin) {
    assertThat(policy.allows(origin)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "", "*", "https://trusted.example.evil", "https://evil.trusted.example",
      "https://trustedxexample", "http://trusted.example", "https://trusted.example:8443", "http://dash.example",
      "https://trusted.example/", "https://trusted.example/path", "https://trusted.example@evil.example",
      "https://user@trusted.example", "https://trusted.example?x=1", "https://trusted.example#x",
      "file:///etc/passwd", "javascript:alert(1)", "https://trusted.example\r\nX-Evil: 1", " ", "https://"})
  void anythingElseIsRefused(String origin) {
    assertThat(policy.allows(origin)).as("origin '%s'", origin).isFalse();
  }

  @Test
  void noOriginHeaderIsNotCrossOrigin() {
    assertThat(policy.allows(null)).isFalse();
  }

  @Test
  void theDefaultAllowsNoOrigin() {
    CorsPolicy off = CorsPolicy.of(List.of());

    assertThat(off.enabled()).isFalse();
    assertThat(off.allows("https://trusted.example")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "null", "https://*.example", "trusted.example", "https://trusted.example/app",
      "ftp://trusted.example", "https://user:pw@trusted.example"})
  void aConfiguredEntryThatIsNotAnOriginIsRefusedByName(String entry) {
    assertThatThrownBy(() -> CorsPolicy.of(List.of(entry))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rest-cors-origins").hasMessageContaining(entry);
  }
}
