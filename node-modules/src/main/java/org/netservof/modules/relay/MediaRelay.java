package org.netservof.modules.relay;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.netservof.node.api.Datagram;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.NetServModule;
import org.netservof.node.api.Packet;
import org.netservof.node.api.UdpEndpoint;
import org.netservof.node.api.Verdict;

/**
 * The thesis's Media Relay (§7.3): a TURN server (RFC 5766's core, over UDP, with no authentication beyond
 * the NetServ grant) on the node's service address, so that two user agents that cannot reach each other
 * exchange media through the node near one of them. It listens on {@code port} and opens every relay port at
 * start ({@link RelaySettings}); a port the user's listen-ports grant does not name fails the start, naming
 * it. One thread reads the TURN port and one each relay port; {@link TurnHandler} holds the logic. It sees no
 * steered packets: everything steered to it is forwarded.
 */
public final class MediaRelay implements NetServModule {
  private static final Duration POLL = Duration.ofMillis(200);
  /** A UDP datagram's largest payload: nothing is cut short on the way through. */
  private static final int BUFFER = 65_535;
  private static final int MAX_FAILURES_IN_A_ROW = 100;

  private final LongAdder ioErrors = new LongAdder();
  private final List<Thread> threads = new ArrayList<>();
  private final Map<Integer, UdpEndpoint> endpoints = new LinkedHashMap<>();
  private volatile boolean running;
  private volatile TurnHandler handler;
  private ModuleContext context;

  @Override
  public synchronized void start(ModuleContext context) throws IOException {
    RelaySettings settings = RelaySettings.of(context.properties());
    this.context = context;
    try {
      endpoints.put(settings.port(), listen(context, settings.port(), "port"));
      for (int port : settings.relayPorts()) {
        endpoints.put(port, listen(context, port, "relay-ports"));
      }
    } catch (IOException | RuntimeException e) {
      closeAll();
      throw e;
    }
    handler = new TurnHandler(settings);
    running = true;
    endpoints.forEach((port, endpoint) -> spawn("media-relay-" + port, () -> loop(port, endpoint,
        port == settings.port())));
  }

  private static UdpEndpoint listen(ModuleContext context, int port, String property) throws IOException {
    try {
      return context.listenUdp(port);
    } catch (IOException e) {
      throw new IOException("property " + property + ": cannot listen on udp:" + port + ": " + e.getMessage(), e);
    }
  }

  private void spawn(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  /** Reads one port until stopped; nothing a datagram holds ends it (the handler does not throw on input). */
  private void loop(int port, UdpEndpoint endpoint, boolean turnPort) {
    byte[] buffer = new byte[BUFFER];
    int failures = 0;
    while (running && failures < MAX_FAILURES_IN_A_ROW) {
      try {
        var got = endpoint.receive(buffer, POLL);
        long now = context.nanoTime();
        if (got.isEmpty()) {
          handler.expire(now);
        } else {
          deliver(turnPort ? handler.fromClient(buffer, got.get().length(), got.get().sender(), now)
              : handler.fromPeer(port, buffer, got.get().length(), got.get().sender(), now).stream().toList());
        }
        failures = 0;
      } catch (IOException | RuntimeException e) {
        failures++;
        ioErrors.increment();
      }
    }
  }

  private void deliver(List<Outbound> out) {
    for (Outbound o : out) {
      try {
        endpoints.get(o.fromPort()).send(o.data(), o.data().length, o.to());
      } catch (IOException e) {
        ioErrors.increment(); // one peer unreachable is no reason to stop relaying for the others
      }
    }
  }

  @Override
  public Verdict process(Packet packet, ModuleContext context) {
    return Verdict.FORWARD;
  }

  @Override
  public synchronized void stop() {
    running = false;
    for (Thread t : threads) {
      try {
        t.join(POLL.toMillis() * 5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    threads.clear();
    closeAll();
  }

  private void closeAll() {
    for (UdpEndpoint e : endpoints.values()) {
      try {
        e.close();
      } catch (IOException ignored) {
        // closing is all that is left to do
      }
    }
    endpoints.clear();
  }

  @Override
  public Map<String, Object> report() {
    TurnHandler h = handler;
    Map<String, Object> report = new LinkedHashMap<>(h == null ? Map.of() : h.report());
    report.put("io-errors", ioErrors.sum());
    report.put("running", running);
    return report;
  }
}
