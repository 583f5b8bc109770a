package org.netservof.node.container;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.netservof.node.api.Packet;
import org.netservof.node.io.Capabilities;
import org.netservof.node.io.FdPassing;
import org.netservof.node.io.ListenChannel;
import org.netservof.node.io.PacketIo;
import org.netservof.node.io.PacketRing;
import org.netservof.node.io.Selection;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.protocol.node.ContainerMessage;
import org.netservof.protocol.node.Json;

/**
 * One user's container: a JVM of its own, started and supervised by the node agent. It takes the packet socket
 * the agent opened for it on the node's interface, which sees only its user's mark (the filter is locked), over
 * standard input (or, run by hand as a benchmark does, opens one itself and gives up every privilege), then
 * runs its modules on each packet and sends the result back into the switch with the mark.
 * The agent talks to it on stdin and stdout, one JSON message per line; logs go to stderr.
 */
public final class ContainerMain {
  // The JDK's logger, not SLF4J and Logback: a container loads as few classes as it can (memory per user).
  private static final System.Logger log = System.getLogger(ContainerMain.class.getName());

  private static final long UPDATE_SECONDS = 10;
  private final ContainerOptions options;
  private final String user;
  private final PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
      StandardCharsets.UTF_8);
  private final AtomicLong packetsIn = new AtomicLong();
  private final AtomicLong packetsOut = new AtomicLong();
  private final AtomicLong linkDownDrops = new AtomicLong();
  private volatile boolean running = true;
  /** Where modules' listening sockets are asked for: the agent's channel, set by run(); null without an agent. */
  private volatile ListenChannel listen;

  public ContainerMain(ContainerOptions options) {
    this.options = options;
    this.user = options.user();
  }

  public static void main(String[] args) {
    // stdout carries the protocol; nothing else may write to it.
    System.setOut(System.err);
    ContainerOptions options;
    try {
      options = ContainerOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("netserv-container: " + e.getMessage() + "\n" + ContainerOptions.USAGE);
      System.exit(2);
      return;
    }
    try {
      new ContainerMain(options).run();
      System.exit(0);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  /** Runs the container until the agent closes its standard input. */
  void run() throws Exception {
    OptionalInt mark = options.vlan();
    Files.createDirectories(options.work());
    String ifName = options.interfaceName();
    PacketIo in = options.socketFromAgent()
        ? PacketRing.adopt(FdPassing.receive(0), ifName, HexFormat.ofDelimiter(":").parseHex(options.mac().get()), 200)
        : PacketRing.open(ifName, mark.isEmpty() ? Selection.everything() : Selection.vlan(mark.getAsInt()), 200);
    // The agent passes the listen channel right after the packet socket (ServerSockets, on the agent's side).
    listen = options.socketFromAgent() ? new ListenChannel(FdPassing.receive(0)) : null;
    PacketIo send = options.outInterface().isEmpty() ? in
        : PacketRing.open(options.outInterface().get(), Selection.nothing(), 200);
    if (!options.keepPrivileges()) {
      Capabilities.dropAll();
    }
    Dispatcher dispatcher = dispatcher();
    ModuleLoader loader = new ModuleLoader(ContainerMain.class.getClassLoader());
    Thread packets = new Thread(() -> packetLoop(in, send, mark, dispatcher), "packets " + user);
    packets.start();
    Thread watchdog = new Thread(() -> watch(dispatcher), "watchdog " + user);
    watchdog.setDaemon(true);
    watchdog.start();
    log.log(System.Logger.Level.INFO, "container of {0} on {1} (mark {2}) running", user, ifName,
        mark.isPresent() ? String.valueOf(mark.getAsInt()) : "none");
    control(System.in, dispatcher, loader);
    running = false;
    packets.join(2000);
  }

  /** The dispatcher of this container's modules, which tells the agent about a module it unloads. */
  Dispatcher dispatcher() {
    return new Dispatcher(options.budgetMicros() * 1000, options.maxFailures(), System::nanoTime,
        (module, reason) -> reply(new ContainerMessage.ModuleUnloaded(module, reason)),
        (module, report) -> reply(new ContainerMessage.Report(module, report)));
  }

  /** Reads commands until the agent closes stdin ({@code commands}), answering each on stdout. */
  void control(java.io.InputStream commands, Dispatcher dispatcher, ModuleLoader loader) throws IOException {
    MessageLines.readAll(commands, message -> {
      if (message instanceof ContainerMessage.Load load) {
        reply(load(dispatcher, loader, load));
      } else if (message instanceof ContainerMessage.Unload unload) {
        boolean removed = dispatcher.remove(unload.module());
        reply(new ContainerMessage.Done(unload.module(), removed, removed ? "" : "no such module"));
      } else if (message instanceof ContainerMessage.Update update) {
        reply(update(dispatcher, update));
      } else if (message instanceof ContainerMessage.StatsRequest) {
        reply(new ContainerMessage.Stats(stats(dispatcher)));
      } else {
        log.log(System.Logger.Level.WARNING, "ignoring {0}, which is not a command", message);
      }
    }, line -> log.log(System.Logger.Level.WARNING, "ignoring a command that is not a message: {0}", line));
  }

  private ContainerMessage.Done load(Dispatcher dispatcher, ModuleLoader loader, ContainerMessage.Load load) {
    try {
      ModuleLoader.Loaded loaded = loader.load(load.module(), Path.of(load.jar()), load.sha256());
      dispatcher.add(load.module(), loaded.module(), load.properties() == null ? Map.of() : load.properties(),
          loaded.loader(), new ModuleSockets(listen));
      log.log(System.Logger.Level.INFO, "module {0} loaded for {1}", load.module(), user);
      return new ContainerMessage.Done(load.module(), true, "");
    } catch (ModuleLoadException e) {
      log.log(System.Logger.Level.WARNING, "{0}", e.getMessage());
      return new ContainerMessage.Done(load.module(), false, e.getMessage());
    } catch (Exception e) {
      log.log(System.Logger.Level.WARNING, "module {0} failed to start: {1}", load.module(), e.toString());
      return new ContainerMessage.Done(load.module(), false, "failed to start: " + e);
    }
  }

  /** Waits for the packet thread to apply an update (it wakes at least every poll timeout). */
  private ContainerMessage.Done update(Dispatcher dispatcher, ContainerMessage.Update update) {
    String error;
    try {
      error = dispatcher.update(update.module(), update.properties() == null ? Map.of() : update.properties())
          .get(UPDATE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      error = "the update was not applied in " + UPDATE_SECONDS + " s";
    }
    log.log(System.Logger.Level.INFO, "module {0} of {1} updated: {2}", update.module(), user,
        error.isEmpty() ? "ok" : error);
    return new ContainerMessage.Done(update.module(), error.isEmpty(), error);
  }

  private void packetLoop(PacketIo in, PacketIo send, OptionalInt mark, Dispatcher dispatcher) {
    byte[] buffer = new byte[65536];
    List<Packet> outgoing = new ArrayList<>();
    while (running) {
      try {
        dispatcher.runPending();
        int length = in.receive(buffer);
        if (length > 0) {
          packetsIn.incrementAndGet();
          outgoing.clear();
          dispatcher.dispatch(Packet.wrap(buffer, length), outgoing);
          for (Packet p : outgoing) {
            boolean sent = mark.isPresent() ? send.send(p.data(), p.length(), mark.getAsInt())
                : send.send(p.data(), p.length());
            (sent ? packetsOut : linkDownDrops).incrementAndGet();
          }
        }
        if (!in.hasQueuedInput() && !send.flush()) {
          linkDownDrops.incrementAndGet();
        }
      } catch (IOException e) {
        log.log(System.Logger.Level.ERROR, "packet I/O failed: {0}", e.getMessage());
        System.exit(2);
      }
    }
  }

  /** Exits when one module call does not return: the agent restarts the container without that module. */
  private void watch(Dispatcher dispatcher) {
    long[] since = new long[1];
    while (running) {
      try {
        Thread.sleep(Math.max(50, options.hangMillis() / 10));
      } catch (InterruptedException e) {
        return;
      }
      dispatcher.running(since).ifPresent(module -> {
        long millis = (System.nanoTime() - since[0]) / 1_000_000;
        if (millis >= options.hangMillis()) {
          reply(new ContainerMessage.Hung(module, millis));
          log.log(System.Logger.Level.ERROR, "module {0} has not returned for {1} ms; exiting so the agent "
              + "restarts the container without it",
              module, String.valueOf(millis));
          Runtime.getRuntime().halt(3);
        }
      });
    }
  }

  private ChannelMessage.ContainerStats stats(Dispatcher dispatcher) {
    List<ChannelMessage.ModuleStats> modules = dispatcher.modules().stream().map(LoadedModule::stats).toList();
    return new ChannelMessage.ContainerStats(user, options.vlan().orElse(0), true, 0, residentKb(), packetsIn.get(),
        packetsOut.get(), linkDownDrops.get(), modules);
  }

  private synchronized void reply(ContainerMessage message) {
    out.println(Json.line(message));
  }

  /** Resident memory of this process, in KiB. */
  static long residentKb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not on Linux: unknown
    }
    return -1;
  }
}
