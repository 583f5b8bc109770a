package org.netservof.controller.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Real etcd servers (Debian's etcd-server, /usr/bin/etcd) for tests: one or more members on loopback ports
 * picked free, data and logs in a directory of the test's, started as this JVM's child processes and stopped
 * by PID. A member can be killed (-9) and started again over its data, as an operator's member would.
 */
public final class EtcdCluster implements AutoCloseable {
  private static final String ETCD = "/usr/bin/etcd";
  private final Path dir;
  private final List<Member> members;
  private final Process[] processes;

  /** One member of the test cluster: its name and loopback ports. */
  public record Member(String name, int clientPort, int peerPort) {
    public URI clientUrl() {
      return URI.create("http://127.0.0.1:" + clientPort);
    }

    String peerUrl() {
      return "http://127.0.0.1:" + peerPort;
    }
  }

  private EtcdCluster(Path dir, List<Member> members) {
    this.dir = dir;
    this.members = members;
    this.processes = new Process[members.size()];
  }

  /**
   * Starts {@code size} members (1 or 3, usually) and waits until every one answers its health check. A port found
   * free can be taken (by any connection's ephemeral port) before etcd binds it: then the members start again on
   * other ports, a few times.
   */
  public static EtcdCluster start(Path dir, int size) {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(dir.resolve("attempt-" + attempt), size);
      } catch (IllegalStateException e) {
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("address already in use")) {
          throw e;
        }
      }
    }
  }

  private static EtcdCluster startOnce(Path dir, int size) {
    List<Member> members = IntStream.range(0, size)
        .mapToObj(i -> new Member("m" + i, freePort(), freePort())).toList();
    EtcdCluster cluster = new EtcdCluster(dir, members);
    try {
      for (int i = 0; i < size; i++) {
        cluster.startMember(i);
      }
      for (int i = 0; i < size; i++) {
        cluster.awaitHealthy(i);
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  public List<Member> members() {
    return members;
  }

  /** Every member's client URL, for store-endpoints. */
  public List<URI> endpoints() {
    return members.stream().map(Member::clientUrl).toList();
  }

  /** Starts member {@code i} again (after {@link #kill}) over its data directory; waits until it is healthy. */
  public void restart(int i) {
    startMember(i);
    awaitHealthy(i);
  }

  /** Kills member {@code i} with SIGKILL, as a crash would, and waits until it is gone. */
  public void kill(int i) {
    Process p = processes[i];
    if (p == null) {
      return;
    }
    p.destroyForcibly(); // SIGKILL on Linux
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    processes[i] = null;
  }

  public boolean isRunning(int i) {
    return processes[i] != null && processes[i].isAlive();
  }

  private void startMember(int i) {
    Member m = members.get(i);
    String initialCluster = members.stream().map(o -> o.name() + "=" + o.peerUrl())
        .collect(Collectors.joining(","));
    Path log = dir.resolve(m.name() + ".log");
    try {
      Files.createDirectories(dir);
      processes[i] = new ProcessBuilder(ETCD, "--name", m.name(), "--data-dir", dir.resolve(m.name()).toString(),
          "--listen-client-urls", m.clientUrl().toString(), "--advertise-client-urls", m.clientUrl().toString(),
          "--listen-peer-urls", m.peerUrl(), "--initial-advertise-peer-urls", m.peerUrl(),
          "--initial-cluster", initialCluster, "--initial-cluster-state", "new",
          "--initial-cluster-token", "netserv-test-" + dir.getFileName(),
          // Tests kill members and wait for elections: a short heartbeat keeps those waits short.
          "--heartbeat-interval", "100", "--election-timeout", "1000")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + ETCD + " (is the etcd-server package installed? "
          + "./netserv setup installs it)", e);
    }
  }

  private void awaitHealthy(int i) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    URI health = members.get(i).clientUrl().resolve("/health");
    while (Instant.now().isBefore(deadline)) {
      if (!processes[i].isAlive()) {
        throw new IllegalStateException("etcd member " + members.get(i).name() + " exited: " + log(i));
      }
      if (answers(health)) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException("etcd member " + members.get(i).name() + " not healthy in 30 s: " + log(i));
  }

  private static boolean answers(URI health) {
    try {
      HttpURLConnection c = (HttpURLConnection) health.toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(1000);
      boolean ok = c.getResponseCode() == 200
          && new String(c.getInputStream().readAllBytes()).contains("\"true\"");
      c.disconnect();
      return ok;
    } catch (IOException e) {
      return false;
    }
  }

  /** The member's log, for failure messages. */
  public String log(int i) {
    try {
      return Files.readString(dir.resolve(members.get(i).name() + ".log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    List<Integer> running = new ArrayList<>();
    for (int i = 0; i < processes.length; i++) {
      if (processes[i] != null) {
        running.add(i);
      }
    }
    running.forEach(this::kill);
  }
}
