package org.netservof.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSettingsTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @TempDir Path dir;

  private static ClientSettings resolve(String url, String token, Path file, Map<String, String> env) {
    return ClientSettings.resolve(url, token, file, env::get);
  }

  @Test
  void withNothingGivenTheLocalApiWithoutAToken() {
    ClientSettings s = resolve(null, null, null, NO_ENV);
    assertThat(s.base()).hasToString("http://127.0.0.1:8080");
    assertThat(s.token()).isEmpty();
  }

  @Test
  void theEnvironmentSuppliesUrlAndToken() {
    ClientSettings s = resolve(null, null, null, Map.of("NETSERV_URL", "http://ctl.example:9000/",
        "NETSERV_TOKEN", "env-token"));
    assertThat(s.base()).hasToString("http://ctl.example:9000");
    assertThat(s.token()).contains("env-token");
  }

  @Test
  void flagsWinOverTheEnvironment() {
    ClientSettings s = resolve("https://10.0.0.1:8443", "flag-token", null,
        Map.of("NETSERV_URL", "http://ignored:1", "NETSERV_TOKEN", "env-token"));
    assertThat(s.base()).hasToString("https://10.0.0.1:8443");
    assertThat(s.token()).contains("flag-token");
  }

  @Test
  void aTokenFileFlagWinsOverTheTokenVariable() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "file-token\n");
    assertThat(resolve(null, null, file, Map.of("NETSERV_TOKEN", "env-token")).token()).contains("file-token");
  }

  @Test
  void theTokenVariableWinsOverTheTokenFileVariable() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "file-token");
    assertThat(resolve(null, null, null, Map.of("NETSERV_TOKEN", "env-token", "NETSERV_TOKEN_FILE",
        file.toString())).token()).contains("env-token");
    assertThat(resolve(null, null, null, Map.of("NETSERV_TOKEN_FILE", file.toString())).token())
        .contains("file-token");
  }

  @Test
  void bothTokenFlagsIsAUsageError() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "t");
    assertThatThrownBy(() -> resolve(null, "t", file, NO_ENV)).isInstanceOfSatisfying(CtlException.class,
        e -> assertThat(e.exitCode()).isEqualTo(CtlException.USAGE));
  }

  @Test
  void anUnreadableOrEmptyTokenFileIsAUsageErrorNamingTheFile() throws Exception {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> resolve(null, null, missing, NO_ENV)).isInstanceOfSatisfying(CtlException.class,
        e -> {
          assertThat(e.exitCode()).isEqualTo(CtlException.USAGE);
          assertThat(e.getMessage()).contains(missing.toString());
        });
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(() -> resolve(null, null, empty, NO_ENV)).hasMessageContaining("is empty");
  }

  @Test
  void aTokenWithASpaceIsRefused() {
    assertThatThrownBy(() -> resolve(null, "two words", null, NO_ENV)).hasMessageContaining("spaces");
  }

  @Test
  void aUrlThatIsNotHttpIsAUsageError() {
    for (String bad : new String[] {"127.0.0.1:8080", "ftp://host/", "http://", "http://h/?a=b", "not a url"}) {
      assertThatThrownBy(() -> resolve(bad, null, null, NO_ENV)).as(bad).isInstanceOfSatisfying(
          CtlException.class, e -> assertThat(e.exitCode()).isEqualTo(CtlException.USAGE));
    }
  }

  @Test
  void aPathPrefixIsKept() {
    assertThat(resolve("http://proxy:80/controller/", null, null, NO_ENV).base())
        .hasToString("http://proxy:80/controller");
  }
}
