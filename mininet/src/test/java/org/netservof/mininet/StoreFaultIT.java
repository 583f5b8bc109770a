package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.testing.Processes;

/**
 * The embedded store's faults (issue 15), with a real controller process and its REST API: a store on a
 * read-only disk, a disk that fills up under a running controller, a truncated store file, and a second
 * controller on the same store. Each gives a clear error naming the store, and loses nothing that was
 * acknowledged. No switch is needed: a service on a configured node's pool is intent all the same.
 */
class StoreFaultIT {
  private static final String CONFIGURED_NODE = "steering:\n  nodes:\n    - {id: n1, pool: pool, dpid: "
      + "\"00:00:00:00:00:00:00:01\", port: 11, mac: \"0a:00:00:00:09:01\", weight: 1}\n";

  @TempDir
  Path dir;
  private RestartDomain domain;
  /** What the test mounted, to unmount (last first) whatever happens. */
  private final List<Path> mounts = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    domain = new RestartDomain(dir);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      domain.close();
    } finally {
      for (int i = mounts.size() - 1; i >= 0; i--) {
        Processes.runAllowingFailure(Duration.ofSeconds(10), "umount", mounts.get(i).toString());
      }
    }
  }

  @Test
  void aStoreOnAReadOnlyDiskRefusesTheStartNamingIt() throws Exception {
    Path disk = mount(dir.resolve("read-only"), "--bind");
    Processes.run("mount", "-o", "remount,bind,ro", disk.toString());
    domain.store(disk.resolve("store"));
    NetServProcess.Exit exit = domain.startRefused(CONFIGURED_NODE);
    assertThat(exit.code()).as("the exit status of a controller whose store cannot be written").isNotZero();
    assertThat(exit.log()).as("why it did not start").contains("store").contains(disk.resolve("store").toString());
  }

  @Test
  void writesToAFullDiskAreRefusedWith503AndNothingAcknowledgedIsLost() throws Exception {
    Path disk = mount(dir.resolve("small-disk"), "-t", "tmpfs", "-o", "size=16m", "tmpfs");
    domain.store(disk.resolve("store"));
    domain.start(CONFIGURED_NODE);
    assertThat(create("first", 5060).statusCode()).isEqualTo(201);
    Path filler = disk.resolve("filler");
    Processes.runAllowingFailure(Duration.ofSeconds(30), "dd", "if=/dev/zero", "of=" + filler, "bs=64k");

    HttpResponse<String> refused = create("second", 5061);
    assertThat(refused.statusCode()).as("a write while the store's disk is full: %s", refused.body()).isEqualTo(503);
    assertThat(refused.body()).as("the answer").contains("store");
    assertThat(names()).as("services listed after the refused write").containsExactly("first");

    Files.delete(filler);
    domain.controller.stop("KILL");
    domain.controller.start();
    assertThat(names()).as("services after a restart: the acknowledged one, and no half of the refused one")
        .containsExactly("first");
  }

  @Test
  void aTruncatedStoreFileIsRefusedAtStartAndLeftAsItWas() throws Exception {
    domain.start(CONFIGURED_NODE);
    assertThat(create("kept", 5060).statusCode()).isEqualTo(201);
    domain.controller.stopCleanly();
    Path file = largestFile(domain.store());
    byte[] whole = Files.readAllBytes(file);
    byte[] half = Arrays.copyOf(whole, whole.length / 2);
    Files.write(file, half);

    NetServProcess.Exit exit = domain.controller.startRefused();
    assertThat(exit.code()).as("the exit status of a controller whose store file is truncated").isNotZero();
    assertThat(exit.log()).as("why it did not start").contains("store").contains(domain.store().toString());
    assertThat(Files.readAllBytes(file)).as("the truncated file, never silently emptied or rewritten")
        .isEqualTo(half);

    Files.write(file, whole); // the operator restores the file: everything acknowledged is there
    domain.controller.start();
    assertThat(names()).containsExactly("kept");
  }

  @Test
  void aSecondControllerOnTheSameStoreRefusesToStartAndTheFirstLosesNothing() throws Exception {
    domain.start(CONFIGURED_NODE);
    assertThat(create("first", 5060).statusCode()).isEqualTo(201);
    try (NetServProcess second = domain.another("second")) {
      NetServProcess.Exit exit = second.startRefused();
      assertThat(exit.code()).as("the exit status of a second controller on the same store").isNotZero();
      assertThat(exit.log()).as("why it did not start").contains("store").contains(domain.store().toString());
    }
    assertThat(domain.controller.alive()).as("the first controller runs on").isTrue();
    assertThat(create("after", 5061).statusCode()).as("the first controller still takes writes").isEqualTo(201);

    domain.controller.stop("KILL");
    domain.controller.start();
    assertThat(names()).as("services after the first controller's restart").containsExactly("first", "after");
  }

  /** A service of no user, on the configured node's pool, for UDP to the user host's port. */
  private HttpResponse<String> create(String name, int port) throws Exception {
    return domain.send("POST", "/netserv/v1/services", "{\"name\": \"" + name + "\", \"filter\": {\"protocol\": "
        + "\"udp\", \"dst\": \"" + FabricTraffic.USER_HOST + "/32\", \"dstPorts\": \"" + port + "\"}, \"pool\": "
        + "\"pool\", \"mode\": \"proactive\", \"ttlSeconds\": 600}");
  }

  private List<String> names() {
    List<String> out = new ArrayList<>();
    for (JsonNode s : domain.services()) {
      out.add(s.get("name").asText());
    }
    return out;
  }

  /** Mounts something at a fresh directory (unmounted after the test) and answers the directory. */
  private Path mount(Path at, String... what) throws IOException {
    Files.createDirectories(at);
    List<String> command = new ArrayList<>(List.of("mount"));
    command.addAll(List.of(what));
    if (what[0].equals("--bind")) {
      command.add(at.toString());
    }
    command.add(at.toString());
    Processes.run(command.toArray(String[]::new));
    mounts.add(at);
    return at;
  }

  private static Path largestFile(Path store) throws IOException {
    assertThat(store).as("the store's directory after a controller ran on it").isDirectory();
    try (Stream<Path> files = Files.walk(store)) {
      return files.filter(Files::isRegularFile).max(Comparator.comparingLong(f -> f.toFile().length()))
          .orElseThrow(() -> new AssertionError("no file in the store's directory " + store));
    }
  }
}
