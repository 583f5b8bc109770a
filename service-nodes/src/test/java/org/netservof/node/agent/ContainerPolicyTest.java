package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerPolicyTest {
  @TempDir Path dir;

  @Test
  void anAgentThatIsNotRootRefusesUnlessToldToRunContainersUnconfined() throws Exception {
    Path work = dir.resolve("work");
    assertThat(ContainerPolicy.refusal(false, false, work, List.of())).get().asString()
        .contains("not root").contains("--unconfined-containers");
    assertThat(ContainerPolicy.refusal(false, true, work, List.of())).isEmpty();
    assertThat(ContainerPolicy.refusal(true, true, work, List.of())).get().asString()
        .contains("a root agent always confines");
  }

  @Test
  void aRootAgentRefusesAWorkDirectoryOrClassPathItsContainersCannotReach() throws Exception {
    Path closed = Files.createDirectories(dir.resolve("closed"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
    Path open = Files.createDirectories(dir.resolve("open"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwx--x--x"));
    assertThat(ContainerPolicy.refusal(true, false, closed.resolve("work"), List.of())).get().asString()
        .contains(closed + " is not open to other users");
    assertThat(ContainerPolicy.refusal(true, false, open.resolve("work"), List.of(closed.resolve("x.jar"))))
        .isEmpty(); // a class path entry that does not exist is no obstacle
    Path jar = Files.writeString(closed.resolve("lib.jar"), "");
    assertThat(ContainerPolicy.refusal(true, false, open.resolve("work"), List.of(jar))).get().asString()
        .contains("class path");
  }
}
