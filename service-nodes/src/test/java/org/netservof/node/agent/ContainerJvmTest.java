package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netservof.node.container.ContainerMain;

class ContainerJvmTest {
  @Test
  void aContainersClassPathHoldsOnlyWhatAContainerRunsNotTheAgentsWholeClassPath() {
    List<String> entries = List.of(ContainerJvm.classPath().split(File.pathSeparator));
    assertThat(entries).as("the container's code, the protocol, Jackson (3) and JNA").hasSize(6)
        .contains(ContainerJvm.location(ContainerMain.class));
    assertThat(entries).allSatisfy(e -> assertThat(Path.of(e).getFileName().toString())
        .matches("classes|netserv-protocol.*|jackson-(core|databind|annotations).*|jna-.*"));
    assertThat(System.getProperty("java.class.path").split(File.pathSeparator).length)
        .as("this test's own class path has more to leave out").isGreaterThan(entries.size());
  }

  @Test
  void theCommandEndsWithTheClassPathSoThatTheLauncherCanAddOptionsAndTheMainClass() {
    List<String> command = ContainerJvm.command("32m", "-XX:+AlwaysPreTouch");
    assertThat(command).contains("-Xmx32m", "-XX:+AlwaysPreTouch", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    assertThat(command.subList(command.size() - 2, command.size())).containsExactly("-cp", ContainerJvm.classPath());
  }
}
