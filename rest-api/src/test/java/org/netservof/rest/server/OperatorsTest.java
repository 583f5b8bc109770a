package org.netservof.rest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorsTest {
  @TempDir
  Path dir;

  private RestConfig.Operator operator(String name, String token) throws Exception {
    Path file = dir.resolve(name + ".token");
    Files.writeString(file, token + "\n");
    return new RestConfig.Operator(name, file);
  }

  @Test
  void findsTheOperatorOfAToken() throws Exception {
    Operators ops = Operators.load(List.of(operator("ann", "ann-token-0123456789"), operator("bob",
        "bob-token-0123456789")));
    assertThat(ops.byToken("bob-token-0123456789")).contains(new Caller("bob", Scope.WRITE));
    assertThat(ops.byToken("bob-token-012345678")).isEmpty();
    assertThat(ops.byToken("")).isEmpty();
    assertThat(Operators.none().isEmpty()).isTrue();
  }

  @Test
  void anOperatorHasTheScopeConfiguredAndWriteWhenNoneIs() throws Exception {
    Path file = dir.resolve("root.token");
    Files.writeString(file, "root-token-0123456789\n");
    Operators ops = Operators.load(List.of(new RestConfig.Operator("root", file, Scope.ADMIN),
        operator("ann", "ann-token-0123456789")));
    assertThat(ops.byToken("root-token-0123456789")).contains(new Caller("root", Scope.ADMIN));
    assertThat(ops.describe()).isEqualTo("root (admin), ann (write)");
    assertThat(Scope.ADMIN.includes(Scope.WRITE)).isTrue();
    assertThat(Scope.READ.includes(Scope.WRITE)).isFalse();
    assertThatThrownBy(() -> Scope.parse("root")).hasMessageContaining("'root' is not one of read, write, admin");
  }

  @Test
  void refusesShortSharedMissingAndDuplicateTokensByName() throws Exception {
    assertThatThrownBy(() -> Operators.load(List.of(operator("ann", "short"))))
        .hasMessageContaining("operator 'ann'").hasMessageContaining("at least 16");
    assertThatThrownBy(() -> Operators.load(List.of(operator("ann", "same-token-0123456789"),
        operator("bob", "same-token-0123456789")))).hasMessageContaining("share a token");
    assertThatThrownBy(() -> Operators.load(List.of(new RestConfig.Operator("ann", dir.resolve("missing")))))
        .hasMessageContaining("cannot read the token file of operator 'ann'");
    assertThatThrownBy(() -> new RestConfig.Operator("ann smith", dir.resolve("x")))
        .hasMessageContaining("operator name 'ann smith'");
  }
}
