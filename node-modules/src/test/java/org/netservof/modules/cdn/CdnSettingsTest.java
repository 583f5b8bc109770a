package org.netservof.modules.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CdnSettingsTest {
  @Test
  void readsTheOriginAndDefaults() {
    CdnSettings s = CdnSettings.of(Map.of("origin", "http://10.0.0.1:8000/"));
    assertThat(s.origin()).isEqualTo(URI.create("http://10.0.0.1:8000"));
    assertThat(s.port()).isEqualTo(8080);
    assertThat(s.maxConnections()).isEqualTo(8);
  }

  @Test
  void refusesOriginsItCannotKeepTo() {
    for (String origin : new String[] {"https://10.0.0.1/", "ftp://10.0.0.1/", "http:///x", "http://u@10.0.0.1/",
        "http://10.0.0.1/?q", "http://10.0.0.1/#f", "10.0.0.1", "http://10.0.0.1:8000/a b"}) {
      assertThatThrownBy(() -> CdnSettings.of(Map.of("origin", origin))).as(origin)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("property origin");
    }
    assertThatThrownBy(() -> CdnSettings.of(Map.of())).hasMessageContaining("property origin is required");
    assertThatThrownBy(() -> CdnSettings.of(Map.of("origin", "http://h/", "max-bytes", "10", "max-object-bytes",
        "11"))).hasMessageContaining("max-object-bytes");
  }
}
