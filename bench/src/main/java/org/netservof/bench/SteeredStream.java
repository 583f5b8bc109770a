package org.netservof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.netservof.mininet.MininetNetwork;

/**
 * One numbered UDP flow from h1 to h2 at 50 packets a second, to a steered service's port: how many of its
 * packets go missing while something is done to the controllers once it is established.
 */
record SteeredStream(MininetNetwork net, int port, int packets) {
  private static final Duration WAIT = Duration.ofSeconds(120);

  /** Something done to the controllers mid-stream (a kill, a restart); nothing, for the baseline. */
  @FunctionalInterface
  interface Disturbance {
    void run() throws Exception;
  }

  /** Sends the flow from source port {@code sport}, disturbs it once established, answers the packets lost. */
  int lost(int sport, Disturbance disturbance) throws Exception {
    net.command(WAIT, "seq_receive_start", Map.of("dst", "h2", "ports", String.valueOf(port)));
    net.command(WAIT, "seq_send_start", Map.of("name", "stream", "src", "h1", "dst", "h2", "dport", port,
        "sport", sport, "count", packets, "rate", 50));
    Thread.sleep(2000); // established: its first packet placed and its later ones on the switches' entries
    disturbance.run();
    net.command(Duration.ofMinutes(5), "seq_send_wait", Map.of("name", "stream", "timeout", 280));
    JsonNode received = net.command(WAIT, "seq_receive_stop", Map.of());
    return packets - received.path(String.valueOf(port)).path(String.valueOf(sport)).path("received").asInt();
  }
}
