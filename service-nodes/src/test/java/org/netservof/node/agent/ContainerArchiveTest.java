package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.node.container.ContainerTraining;

class ContainerArchiveTest {
  /** A stand-in for the training JVM: writes what -XX:ArchiveClassesAtExit names (its first argument). */
  private static final List<String> WRITES_ARCHIVE = List.of("/bin/sh", "-c",
      "f=\"${0#-XX:ArchiveClassesAtExit=}\"; printf archive > \"$f\"");

  @TempDir
  Path dir;

  @BeforeEach
  void openToContainers() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
  }

  @Test
  void containersStartWithoutAnArchiveUntilTheTrainingRunWroteOneThenFromIt() throws Exception {
    ContainerArchive archive = new ContainerArchive(dir.resolve("cds"), WRITES_ARCHIVE);
    assertThat(archive.options()).isEmpty();

    assertThat(archive.build().get(30, TimeUnit.SECONDS)).isTrue();

    assertThat(archive.options()).singleElement().asString().startsWith("-XX:SharedArchiveFile=" + dir.resolve("cds"));
    Path file = Path.of(archive.options().get(0).substring("-XX:SharedArchiveFile=".length()));
    assertThat(Files.readString(file)).isEqualTo("archive");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("every container reads it, "
        + "none writes it").isEqualTo("r--r--r--");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cds")))).isEqualTo("rwx--x--x");
    try (var left = Files.list(dir.resolve("cds"))) {
      assertThat(left).as("no training directory or temporary archive left").containsExactly(file);
    }
    assertThat(new ContainerArchive(dir.resolve("cds"), WRITES_ARCHIVE).build().get(30, TimeUnit.SECONDS))
        .as("the next agent of the same build finds it").isTrue();
  }

  @Test
  void aTrainingRunThatFailsOrWritesNothingLeavesContainersStartingWithoutAnArchive() throws Exception {
    for (String program : List.of("/bin/false", "/bin/true")) {
      ContainerArchive archive = new ContainerArchive(dir.resolve("cds"), List.of(program));
      assertThat(archive.build().get(30, TimeUnit.SECONDS)).as(program).isFalse();
      assertThat(archive.options()).as(program).isEmpty();
    }
  }

  @Test
  void noArchiveIsBuiltWhereContainersCouldNotOpenIt() throws Exception {
    Path closed = Files.createDirectory(dir.resolve("closed"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
    ContainerArchive archive = new ContainerArchive(closed.resolve("cds"), WRITES_ARCHIVE);
    assertThat(archive.build().get(30, TimeUnit.SECONDS)).isFalse();
    assertThat(archive.options()).isEmpty();
  }

  @Test
  void anArchiveDirectoryThatIsALinkIsNotUsed() throws Exception {
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(dir.resolve("cds"), elsewhere);
    ContainerArchive archive = new ContainerArchive(link, WRITES_ARCHIVE);
    assertThat(archive.build().get(30, TimeUnit.SECONDS)).isFalse();
    try (var inside = Files.list(elsewhere)) {
      assertThat(inside).isEmpty();
    }
  }

  @Test
  void theArchivesNameChangesWithTheCommandAndWithAnyClassPathJar() throws Exception {
    Path jar = Files.writeString(dir.resolve("a.jar"), "jar");
    List<String> command = List.of("java", "-Xmx32m", "-cp", jar.toString());
    String key = ContainerArchive.key(command);
    assertThat(ContainerArchive.key(command)).isEqualTo(key);
    assertThat(ContainerArchive.key(List.of("java", "-Xmx40m", "-cp", jar.toString()))).isNotEqualTo(key);
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
    assertThat(ContainerArchive.key(command)).as("a rebuilt JAR").isNotEqualTo(key);
  }

  @Test
  void theTrainingRunIsAContainerJvmDumpingItsClassesAtExit() {
    List<String> command = new ContainerArchive(dir, List.of("java", "-Xmx32m", "-cp", "x.jar"))
        .trainingCommand(dir.resolve("a.jsa"), dir.resolve("home"));
    assertThat(command.subList(0, 3)).as("at the lowest priority").containsExactly("/usr/bin/nice", "-n", "19");
    assertThat(command.subList(3, 7)).containsExactly("java", "-Xmx32m", "-cp", "x.jar");
    assertThat(command).contains("-XX:ArchiveClassesAtExit=" + dir.resolve("a.jsa"));
    assertThat(command.get(command.size() - 1)).isEqualTo(ContainerTraining.class.getName());
  }
}
