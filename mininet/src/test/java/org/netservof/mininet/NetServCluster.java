package org.netservof.mininet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.netservof.controller.testing.EtcdCluster;

/**
 * Several controller processes ({@link NetServProcess}) sharing one etcd ({@code store: etcd}): members c1, c2, ...
 * each on ports of its own chosen once (so a member killed and started again comes back where switches and
 * node agents look for it), each with its {@code instance-id}, a short {@code cluster-lease} and its own log
 * directory. The rest of each member's configuration is the caller's, the same for every member.
 */
public final class NetServCluster implements AutoCloseable {
  /** The election lease: a killed master's switches get a new master within about this long. */
  public static final String LEASE = "2s";
  private final List<Member> members;
  private final List<URI> etcd;
  private final Function<String, String> configOf;

  /**
   * A member: a controller process and where it listens.
   *
   * @param nodeChannel where its node channel listens (on the management network when there is one)
   */
  public record Member(String id, int ofPort, int restPort, InetSocketAddress nodeChannel, Path config,
      NetServProcess process) {
    /** The OpenFlow target a switch names it by ({@code tcp:127.0.0.1:PORT}), as Open vSwitch reports it. */
    public String ofTarget() {
      return "tcp:127.0.0.1:" + ofPort;
    }

    public String restBase() {
      return "http://127.0.0.1:" + restPort;
    }

    String listenYaml() {
      return "of-listen: 127.0.0.1:" + ofPort + "\nrest-listen: 127.0.0.1:" + restPort + "\nnode-listen: "
          + nodeChannel.getAddress().getHostAddress() + ":" + nodeChannel.getPort() + "\n";
    }
  }

  /**
   * Members that are not started yet.
   *
   * @param nodeHost the address their node channels listen on
   * @param configOf the configuration of a member from its listening lines (add the rest: REST tokens, steering)
   */
  public NetServCluster(Path dir, int size, EtcdCluster etcd, String nodeHost, Function<String, String> configOf)
      throws IOException {
    this.etcd = etcd.endpoints();
    this.configOf = configOf;
    List<Member> out = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      Path home = Files.createDirectories(dir.resolve("c" + i));
      Path config = home.resolve("controller.yaml");
      out.add(new Member("c" + i, NetServProcess.freePort("127.0.0.1"), NetServProcess.freePort("127.0.0.1"),
          new InetSocketAddress(nodeHost, NetServProcess.freePort(nodeHost)), config,
          new NetServProcess(config, home)));
    }
    members = List.copyOf(out);
    writeConfigs();
  }

  /** Writes every member's configuration again (after the caller's part changed); a running member reads it on HUP. */
  public void writeConfigs() throws IOException {
    for (Member m : members) {
      Files.writeString(m.config(), configOf.apply(m.listenYaml()) + clusterYaml(m));
    }
  }

  private String clusterYaml(Member m) {
    return "store: etcd\nstore-endpoints: [" + etcd.stream().map(URI::toString).collect(Collectors.joining(", "))
        + "]\ninstance-id: " + m.id() + "\ncluster-lease: " + LEASE + "\n";
  }

  public List<Member> members() {
    return members;
  }

  public Member member(String id) {
    return members.stream().filter(m -> m.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no member " + id));
  }

  /** The member a switch names by its OpenFlow target. */
  public Member byTarget(String target) {
    return members.stream().filter(m -> m.ofTarget().equals(target)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no member listens at " + target));
  }

  /** Every member's OpenFlow address, for Mininet's switches ({@code 127.0.0.1:P1,127.0.0.1:P2,...}). */
  public String controllers() {
    return members.stream().map(m -> "127.0.0.1:" + m.ofPort()).collect(Collectors.joining(","));
  }

  /** Every member's node channel, for node agents' {@code --controller} ({@code HOST:P1,HOST:P2,...}). */
  public String nodeChannels() {
    return members.stream().map(m -> m.nodeChannel().getAddress().getHostAddress() + ":" + m.nodeChannel().getPort())
        .collect(Collectors.joining(","));
  }

  /** Starts every member, one after the other (each waits until it says it runs). */
  public void startAll() throws Exception {
    for (Member m : members) {
      m.process().start();
    }
  }

  /** Every member's warnings and errors, for a failed test's output. */
  public String problems() {
    StringBuilder out = new StringBuilder();
    members.forEach(m -> out.append("==== ").append(m.id()).append('\n').append(m.process().problems()));
    return out.toString();
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    for (Member m : members) {
      try {
        m.process().close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
