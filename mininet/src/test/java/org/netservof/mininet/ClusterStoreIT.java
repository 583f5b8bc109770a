package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.testing.EtcdCluster;
import org.netservof.controller.testing.Eventually;

/**
 * Two controller processes on a three-member etcd cluster, services created over REST through both: one etcd
 * member killed in the middle loses nothing (a request caught in etcd's election may be refused with 503 and is
 * sent again, as a client would); with two of three down (no quorum) a write answers 503 and changes
 * nothing, and once the members are back both controllers list exactly the services that were acknowledged.
 */
class ClusterStoreIT {
  private static final String TOKEN = "store-it-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;
  private EtcdCluster etcd;
  private NetServCluster cluster;

  @BeforeEach
  void start() throws Exception {
    etcd = EtcdCluster.start(dir.resolve("etcd"), 3);
    Path token = dir.resolve("ops.token");
    Files.writeString(token, TOKEN + "\n");
    String shared = "modules: [forwarding, steering, deployments, rest]\n"
        + "rest-tokens:\n  - name: ops\n    scope: admin\n    token-file: " + token + "\n"
        + "steering:\n  nodes:\n    - {id: n1, pool: pool, dpid: \"00:00:00:00:00:00:00:01\", port: 11, "
        + "mac: \"0a:00:00:00:09:01\", weight: 1}\n";
    cluster = new NetServCluster(dir, 2, etcd, "127.0.0.1", listen -> listen + shared);
    cluster.startAll();
  }

  @AfterEach
  void stop() throws Exception {
    System.out.println("cluster warnings and errors:\n" + cluster.problems());
    try (EtcdCluster last = etcd) {
      cluster.close();
    }
  }

  @Test
  void oneEtcdMemberDownLosesNothingAndWithoutQuorumWritesAnswer503AndLeaveNothingHalfWritten() throws Exception {
    List<Integer> acknowledged = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      if (i == 10) {
        etcd.kill(0);
      }
      HttpResponse<String> r = createRetrying(cluster.members().get(i % 2), 6000 + i);
      assertThat(r.statusCode()).as("service %d with one etcd member %s: %s", i, i < 10 ? "up" : "down", r.body())
          .isEqualTo(201);
      acknowledged.add(JSON.readTree(r.body()).get("id").asInt());
    }
    etcd.kill(1);
    HttpResponse<String> refused = create(cluster.members().get(0), 7000);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(refused.statusCode()).as("a write without quorum: %s", refused.body()).isEqualTo(503);
    etcd.restart(0);
    etcd.restart(1);
    for (NetServCluster.Member m : cluster.members()) {
      Eventually.waitFor(m.id() + " listing the acknowledged services", WAIT,
          () -> listed(m).equals(new TreeSet<>(acknowledged)));
    }
    HttpResponse<String> after = create(cluster.members().get(1), 7001);
    soft.assertThat(after.statusCode()).as("a write once quorum is back: %s", after.body()).isEqualTo(201);
    soft.assertAll();
  }

  /**
   * Creates a service as a client would while etcd elects a new leader: a request caught in the election may be
   * refused (503, nothing done) and is sent again, for up to 20 s. The listing is checked against the services
   * acknowledged, so a refused request that was applied after all would show as one too many.
   */
  private static HttpResponse<String> createRetrying(NetServCluster.Member m, int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    HttpResponse<String> r = create(m, port);
    while (r.statusCode() == 503 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      r = create(m, port);
    }
    return r;
  }

  private static HttpResponse<String> create(NetServCluster.Member m, int port) throws Exception {
    return new RestClient(m.restBase()).send("POST", "/netserv/v1/services", "{\"name\": \"s" + port
        + "\", \"filter\": {\"protocol\": \"udp\", \"dst\": \"10.0.0.2/32\", \"dstPorts\": \"" + port
        + "\"}, \"pool\": \"pool\", \"mode\": \"proactive\"}", TOKEN);
  }

  private static TreeSet<Integer> listed(NetServCluster.Member m) {
    TreeSet<Integer> out = new TreeSet<>();
    try {
      HttpResponse<String> r = new RestClient(m.restBase()).get("/netserv/v1/services");
      JsonNode services = JSON.readTree(r.body());
      services.forEach(s -> out.add(s.get("id").asInt()));
    } catch (Exception e) {
      out.add(-1);
    }
    return out;
  }
}
