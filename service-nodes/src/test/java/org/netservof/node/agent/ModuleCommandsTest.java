package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.node.container.ModuleLoader;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.protocol.url.GuardedHttp;
import org.netservof.protocol.url.UrlPolicy;

/**
 * One user's slow module URL must not hold up anybody else: the agent's real fetcher against a real server
 * that dribbles its body, and a recording stand-in for the containers. No timings are asserted: the test
 * checks which answers came while the slow fetch still ran.
 */
class ModuleCommandsTest {
  private static final long WAIT_SECONDS = 30;
  @TempDir
  Path dir;
  private HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final BlockingQueue<ChannelMessage.Result> answers = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> containers = new LinkedBlockingQueue<>();
  private ModuleCommands commands;
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(handlers);
    server.createContext("/module.jar", exchange -> ModuleFetcherTest.answer(exchange, 200, ModuleFetcherTest.JAR));
    server.createContext("/slow.jar", ModuleFetcherTest::dribble);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    // A deadline far beyond the test: only a remove ends the slow fetch.
    GuardedHttp http = new GuardedHttp(new UrlPolicy("module-repositories", List.of(base + "/")),
        new GuardedHttp.Limits(java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(10), 1 << 22));
    commands = new ModuleCommands(new ModuleFetcher(dir, http),
        (user, vlan, module) -> containers.add("install " + module.module() + " for " + user),
        (user, module) -> containers.add("remove " + module + " for " + user),
        (user, module, properties) -> {
          if (!containers.contains("install " + module + " for " + user)) {
            throw new java.io.IOException("the container of " + user + " has no module " + module);
          }
          containers.add("update " + module + " for " + user + " " + properties);
        }, m -> answers.add(
            (ChannelMessage.Result) m));
  }

  @AfterEach
  void stop() {
    commands.shutDown();
    server.stop(0);
    handlers.shutdownNow();
  }

  private ChannelMessage.Install install(long id, String user, String path) {
    // The slow JAR's digest is one no other install writes to the cache (keyed by digest): otherwise a slow
    // install scheduled after a fast one of the same bytes is served from the cache, and nothing is slow.
    byte[] expected = path.equals("/slow.jar") ? "the slow module".getBytes(java.nio.charset.StandardCharsets.UTF_8)
        : ModuleFetcherTest.JAR;
    return new ChannelMessage.Install(id, user, 3001, "M" + id + "_1.0", base + path, ModuleLoader.sha256(expected),
        Map.of(), null);
  }

  private ChannelMessage.Result next() throws InterruptedException {
    ChannelMessage.Result r = answers.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(r).as("an answer within %d s", WAIT_SECONDS).isNotNull();
    return r;
  }

  @Test
  void anotherUsersInstallAndRemoveCompleteWhileOneUsersFetchDribbles() throws Exception {
    commands.install(install(1, "bob", "/slow.jar"));
    commands.install(install(2, "alice", "/module.jar"));
    assertThat(next()).as("alice's install, while bob's fetch still runs")
        .isEqualTo(new ChannelMessage.Result(2, true, ""));
    commands.remove(new ChannelMessage.Remove(3, "alice", "M2_1.0"));
    assertThat(next()).as("alice's remove, while bob's fetch still runs")
        .isEqualTo(new ChannelMessage.Result(3, true, ""));
    assertThat(containers).containsExactly("install M2_1.0 for alice", "remove M2_1.0 for alice");
  }

  @Test
  void anUpdateReachesARunningModuleAndIsRefusedForOneThatDoesNotRun() throws Exception {
    commands.update(new ChannelMessage.Update(4, "alice", "M5_1.0", java.util.Map.of("rate", "5")));
    assertThat(next()).isEqualTo(new ChannelMessage.Result(4, false, "the container of alice has no module M5_1.0"));
    commands.install(install(5, "alice", "/module.jar"));
    assertThat(next()).isEqualTo(new ChannelMessage.Result(5, true, ""));
    commands.update(new ChannelMessage.Update(6, "alice", "M5_1.0", java.util.Map.of("rate", "5")));
    assertThat(next()).isEqualTo(new ChannelMessage.Result(6, true, ""));
    assertThat(containers).containsExactly("install M5_1.0 for alice", "update M5_1.0 for alice {rate=5}");
  }

  @Test
  void aRemoveOvertakesTheSameUsersSlowInstallAndCancelsIt() throws Exception {
    commands.install(install(1, "bob", "/slow.jar"));
    commands.install(install(2, "bob", "/module.jar"));
    commands.remove(new ChannelMessage.Remove(3, "bob", "M1_1.0"));
    List<ChannelMessage.Result> got = List.of(next(), next(), next());
    assertThat(got).as("the slow install is cancelled, the remove done, the next install of bob's goes ahead")
        .containsExactlyInAnyOrder(new ChannelMessage.Result(1, false, ModuleCommands.CANCELLED),
            new ChannelMessage.Result(3, true, ""), new ChannelMessage.Result(2, true, ""));
    assertThat(containers).as("the cancelled module never reached the container").doesNotContain(
        "install M1_1.0 for bob").contains("install M2_1.0 for bob");
  }
}
