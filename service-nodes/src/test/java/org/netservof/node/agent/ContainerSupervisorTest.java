package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.node.container.ModuleLoader;
import org.netservof.node.testing.ModuleJars;
import org.netservof.protocol.node.ChannelMessage;

/**
 * One user's hostile module must not hold up another user's installs, updates and removes on the node: real
 * container JVMs (unconfined, their packet sockets on the loopback interface, which carries no marked frames),
 * and a module that does not return from its {@code start} until the test lets it. No timings are asserted: the
 * test checks that the other user's calls returned while the hanging install was still in flight.
 */
class ContainerSupervisorTest {
  private static final long WAIT_SECONDS = 120;
  private static final String HANGING = "package hang;\n"
      + "import java.nio.file.*;\n"
      + "import org.netservof.node.api.*;\n"
      + "public class Hang implements NetServModule {\n"
      + "  public void start(ModuleContext c) throws Exception {\n"
      + "    Files.createFile(Path.of(c.properties().get(\"entered\")));\n"
      + "    long end = System.nanoTime() + 300_000_000_000L;\n"
      + "    while (!Files.exists(Path.of(c.properties().get(\"release\"))) && System.nanoTime() < end) {\n"
      + "      Thread.sleep(20);\n"
      + "    }\n"
      + "  }\n"
      + "  public Verdict process(Packet p, ModuleContext c) { return Verdict.FORWARD; }\n"
      + "}\n";

  @TempDir
  Path dir;
  private final List<ChannelMessage> told = new CopyOnWriteArrayList<>();
  private final ExecutorService callers = Executors.newCachedThreadPool();
  private ContainerSupervisor supervisor;
  private Path work;

  @BeforeEach
  void start() throws IOException {
    Path work = dir.resolve("work");
    Files.createDirectories(work.resolve("containers"));
    ContainerLauncher launcher = new ContainerLauncher(new ContainerLauncher.Settings(
        ContainerJvm.command("32m", ""), "lo", new byte[] {2, 0, 0, 0, 0, 9}, false, work, dir.resolve("cds")),
        null, new CgroupsV1(dir.resolve("no-cgroups"), null), new ServerSockets(java.util.Optional.empty()));
    supervisor = new ContainerSupervisor(launcher, 100, told::add);
    this.work = work;
  }

  @AfterEach
  void stop() {
    // Stopping the containers also ends a start still hanging (the release file may not be there).
    supervisor.stopAll();
    callers.shutdownNow();
  }

  @Test
  void anotherUsersInstallUpdateAndRemoveReturnWhileAModuleHangsInItsStart() throws Exception {
    Path entered = dir.resolve("entered");
    Path release = dir.resolve("release");
    ContainerSupervisor.Wanted hanging = wanted("Hang", "hang.Hang", HANGING,
        Map.of("entered", entered.toString(), "release", release.toString()));
    Future<?> alice = callers.submit(() -> {
      supervisor.install("alice", 3001, hanging);
      return null;
    });
    for (int i = 0; i < WAIT_SECONDS * 50 && !Files.exists(entered) && !alice.isDone(); i++) {
      Thread.sleep(20);
    }
    assertThat(entered).as("alice's module is in its start").exists();

    CompletableFuture<Void> bob = CompletableFuture.runAsync(() -> {
      try {
        supervisor.install("bob", 3002, wanted("CountA", "count.CountA", null, Map.of()));
        supervisor.install("bob", 3002, wanted("CountB", "count.CountB", null, Map.of()));
        supervisor.update("bob", "CountA", Map.of("k", "v"));
        supervisor.remove("bob", "CountB");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }, callers);
    bob.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(alice).as("bob's calls returned while alice's install still waited for her module").isNotDone();
    assertThat(supervisor.states()).extracting(ChannelMessage.ContainerState::user).contains("bob");
    assertThat(supervisor.states()).filteredOn(s -> s.user().equals("bob")).singleElement()
        .satisfies(s -> assertThat(s.modules()).containsExactly("CountA"));

    Files.createFile(release);
    alice.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(supervisor.states()).filteredOn(s -> s.user().equals("alice")).singleElement()
        .satisfies(s -> assertThat(s.modules()).containsExactly("Hang"));
  }

  @Test
  void aContainerThatDiesIsStartedAgainWithItsModulesWhileAnotherUserInstalls() throws Exception {
    supervisor.install("alice", 3001, wanted("CountA", "count.CountA", null, Map.of()));
    supervisor.install("alice", 3001, wanted("CountB", "count.CountB", null, Map.of()));
    long first = containerPid("alice");
    assertThat(ProcessHandle.of(first).orElseThrow().destroyForcibly()).isTrue();
    supervisor.install("bob", 3002, wanted("CountC", "count.CountC", null, Map.of()));

    for (int i = 0; i < WAIT_SECONDS * 50 && told.stream().noneMatch(ContainerSupervisorTest::aliceRestarted); i++) {
      Thread.sleep(20);
    }
    assertThat(told).filteredOn(ContainerSupervisorTest::aliceRestarted).singleElement()
        .satisfies(m -> assertThat(((ChannelMessage.ContainerState) m).modules()).containsExactly("CountA", "CountB"));
    assertThat(containerPid("alice")).isNotEqualTo(first);
    for (int i = 0; i < WAIT_SECONDS * 10 && runningModules("alice").isEmpty(); i++) {
      Thread.sleep(100); // stats() answers with what the container said last, and asks it again
    }
    assertThat(runningModules("alice")).as("what the new container itself runs").containsExactly("CountA", "CountB");
    assertThat(supervisor.stats()).filteredOn(s -> s.user().equals("alice")).singleElement()
        .satisfies(s -> assertThat(s.restarts()).isEqualTo(1));
    assertThat(supervisor.states()).extracting(ChannelMessage.ContainerState::user)
        .containsExactlyInAnyOrder("alice", "bob");
  }

  private static boolean aliceRestarted(ChannelMessage m) {
    return m instanceof ChannelMessage.ContainerState s && s.user().equals("alice") && s.ready()
        && s.reason().startsWith("restarted after");
  }

  /** The modules the user's container last said it runs. */
  private List<String> runningModules(String user) {
    return supervisor.stats().stream().filter(s -> s.user().equals(user)).flatMap(s -> s.modules().stream())
        .filter(ChannelMessage.ModuleStats::loaded).map(ChannelMessage.ModuleStats::name).toList();
  }

  /** The pid of the user's container JVM, as its launcher wrote it down. */
  private long containerPid(String user) throws IOException {
    return Long.parseLong(Files.readString(work.resolve("containers").resolve(user).resolve("pid")).trim());
  }

  /** A module JAR built from {@code source}, or a counting module when it is null. */
  private ContainerSupervisor.Wanted wanted(String module, String className, String source,
      Map<String, String> properties) throws IOException {
    Path jar = ModuleJars.build(dir.resolve("jars-" + module), className,
        source == null ? ModuleJars.countingModule(className) : source, className);
    return new ContainerSupervisor.Wanted(module, jar, ModuleLoader.sha256(Files.readAllBytes(jar)), properties);
  }
}
