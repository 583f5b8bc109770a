package org.netservof.node.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;

class ContainerTrainingTest {
  @TempDir
  Path dir;

  @Test
  void theTrainingModuleLoadsFromItsJarInALoaderOfItsOwnAndAnswersAUdpFrame() throws Exception {
    Path jar = Files.write(dir.resolve("training.jar"), ContainerTraining.moduleJar());
    ModuleLoader.Loaded loaded = new ModuleLoader(getClass().getClassLoader()).load("training_1.0", jar,
        ModuleLoader.sha256(Files.readAllBytes(jar)));
    assertThat(loaded.module().getClass().getClassLoader()).isSameAs(loaded.loader());
    Dispatcher dispatcher = new Dispatcher(10_000_000, 100, System::nanoTime, (m, r) -> {});
    dispatcher.add("training_1.0", loaded.module(), Map.of("start", "0"), loaded.loader());
    byte[] frame = ContainerTraining.udpFrame();
    List<Packet> out = new ArrayList<>();

    assertThat(dispatcher.dispatch(Packet.wrap(frame, frame.length), out)).isEqualTo(Verdict.DROP);

    assertThat(out).singleElement().satisfies(p -> {
      assertThat(p.isUdp()).isTrue();
      assertThat(p.destinationPort()).isEqualTo(5062);
      assertThat(p.udpPayloadLength()).isEqualTo(2);
    });
  }

  @Test
  void theTrainingRunNeedsNoNodeNoSocketAndNoPrivilege() throws Exception {
    ContainerTraining.main(new String[0]);
  }
}
