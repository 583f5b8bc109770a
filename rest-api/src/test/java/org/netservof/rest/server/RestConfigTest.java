package org.netservof.rest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.config.ConfigLoader;

/** {@code rest-tokens} as the controller's configuration reads it: the scope may be left out, nothing else may. */
class RestConfigTest {
  @TempDir
  Path dir;

  private List<RestConfig.Operator> read(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("c.yaml"), yaml);
    return new ConfigLoader().load(Optional.of(file), Map.of(), List.of(RestModule.REST_TOKENS))
        .get(RestModule.REST_TOKENS);
  }

  @Test
  void anOperatorWithoutAScopeMayWriteAndOneWithAScopeHasIt() throws Exception {
    assertThat(read("rest-tokens:\n  - {name: ann, token-file: /a}\n  - {name: bob, token-file: /b, scope: READ}\n"))
        .containsExactly(new RestConfig.Operator("ann", Path.of("/a"), Scope.WRITE),
            new RestConfig.Operator("bob", Path.of("/b"), Scope.READ));
  }

  @Test
  void anUnknownFieldAnUnknownScopeOrAMissingTokenFileIsRefusedByName() {
    assertThatThrownBy(() -> read("rest-tokens:\n  - {name: ann, token-file: /a, scopes: admin}\n"))
        .hasMessageContaining("operator 'ann'").hasMessageContaining("unknown field [scopes]");
    assertThatThrownBy(() -> read("rest-tokens:\n  - {name: ann, token-file: /a, scope: root}\n"))
        .hasMessageContaining("operator 'ann'").hasMessageContaining("'root' is not one of read, write, admin");
    assertThatThrownBy(() -> read("rest-tokens:\n  - {name: ann}\n")).hasMessageContaining("token-file");
  }
}
