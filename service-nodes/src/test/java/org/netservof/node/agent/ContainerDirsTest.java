package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerDirsTest {
  @TempDir Path dir;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aContainerDirectoryIsMadeAfreshAndLinksPlantedInItAreRemovedNotFollowed() throws Exception {
    Path work = dir.resolve("work");
    ContainerDirs dirs = new ContainerDirs(work);
    dirs.prepare();
    Path precious = Files.writeString(dir.resolve("precious"), "keep");
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("file"), "keep");
    Path user = dirs.fresh("alice", 200000, false);
    // What a container (or a leftover of an earlier run) may leave: links to files and directories elsewhere.
    Files.createSymbolicLink(user.resolve("home/link"), precious);
    Files.createSymbolicLink(user.resolve("home/dir"), elsewhere);
    Files.delete(user.resolve("modules"));
    Files.createSymbolicLink(user.resolve("modules"), elsewhere);

    dirs.fresh("alice", 200000, false);
    assertThat(Files.readString(precious)).isEqualTo("keep");
    assertThat(Files.readString(elsewhere.resolve("file"))).isEqualTo("keep");
    assertThat(Files.isSymbolicLink(user.resolve("modules"))).isFalse();
    assertThat(user.resolve("home")).isEmptyDirectory();
    Path copy = dirs.copyModule("alice", 200000, false, "ab12", new byte[] {1, 2});
    assertThat(copy.getParent()).isEqualTo(user.resolve("modules"));
    assertThat(List.of(elsewhere.toFile().list())).containsExactly("file");
  }

  @Test
  void aWorkDirectoryThatIsALinkOrNoUserNameIsRefused() throws Exception {
    Path real = Files.createDirectories(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ContainerDirs(link).prepare())
        .hasMessageContaining("is a link or belongs to");
    ContainerDirs dirs = new ContainerDirs(dir.resolve("work"));
    for (String bad : List.of("..", ".", "a/b", "")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> dirs.fresh(bad, 200000, false))
          .hasMessageContaining("not a user name");
    }
  }

  @Test
  void theWorkDirectoryAndTheModuleCacheAreClosedToOthers() throws Exception {
    Path work = dir.resolve("work");
    new ContainerDirs(work).prepare();
    assertThat(mode(work)).isEqualTo("rwx--x--x");
    assertThat(mode(work.resolve("cache"))).isEqualTo("rwx------");
    assertThat(mode(work.resolve("containers"))).isEqualTo("rwx--x--x");
  }
}
