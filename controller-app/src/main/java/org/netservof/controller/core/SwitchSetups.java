package org.netservof.controller.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchSetup;
import org.netservof.controller.api.SwitchSetupService;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contributors to a switch's setup, kept in stage order. Changes copy the list; a connecting switch reads
 * a snapshot, so a contributor added meanwhile is applied once, not twice or never.
 */
final class SwitchSetups implements SwitchSetupService {
  private static final Logger log = LoggerFactory.getLogger(SwitchSetups.class);
  private static final Comparator<SwitchSetup> ORDER =
      Comparator.comparing(SwitchSetup::stage).thenComparing(SwitchSetup::name);

  private final Supplier<Collection<OFSwitch>> connected;
  private volatile List<SwitchSetup> ordered = List.of();

  /** @param connected the switches connected now, which a new contributor sets up at once */
  SwitchSetups(Supplier<Collection<OFSwitch>> connected) {
    this.connected = connected;
  }

  @Override
  public void addSetup(SwitchSetup setup) {
    synchronized (this) {
      if (ordered.stream().anyMatch(s -> s.name().equals(setup.name()))) {
        throw new IllegalArgumentException("a switch setup named '" + setup.name() + "' exists already");
      }
      List<SwitchSetup> next = new ArrayList<>(ordered);
      next.add(setup);
      next.sort(ORDER);
      ordered = List.copyOf(next);
    }
    connected.get().forEach(sw -> apply(List.of(setup), sw));
  }

  @Override
  public synchronized void removeSetup(SwitchSetup setup) {
    List<SwitchSetup> next = new ArrayList<>(ordered);
    if (next.remove(setup)) {
      ordered = List.copyOf(next);
    }
  }

  @Override
  public List<String> setups() {
    return ordered.stream().map(SwitchSetup::name).toList();
  }

  /**
   * Writes every contributor's messages to a switch that just connected, in order. Completes once every
   * batch is written (not yet confirmed: the barrier after each keeps the order on the switch); never
   * exceptionally.
   */
  CompletableFuture<Void> setUp(OFSwitch sw) {
    return apply(ordered, sw);
  }

  private static CompletableFuture<Void> apply(List<SwitchSetup> setups, OFSwitch sw) {
    CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
    for (SwitchSetup setup : setups) {
      done = done.thenCompose(ignored -> messagesOf(setup, sw)).thenAccept(messages -> write(setup, sw, messages));
    }
    return done;
  }

  /** The contributor's messages; none, logged, when it fails to say what they are. */
  private static CompletableFuture<List<OFMessage>> messagesOf(SwitchSetup setup, OFSwitch sw) {
    try {
      return setup.messages(sw).toCompletableFuture().exceptionally(failure -> {
        log.error("switch {}: setup '{}' could not build its entries; the switch goes without them: {}", sw.id(),
            setup.name(), failure.getMessage());
        return List.of();
      });
    } catch (RuntimeException e) {
      log.error("switch {}: setup '{}' failed; the switch goes without its entries", sw.id(), setup.name(), e);
      return CompletableFuture.completedFuture(List.of());
    }
  }

  private static void write(SwitchSetup setup, OFSwitch sw, List<OFMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    sw.writeConfirmed(messages).whenComplete((ok, failure) -> {
      if (failure != null) {
        log.error("switch {} refused the '{}' setup ({} stage): {}", sw.id(), setup.name(), setup.stage(),
            failure.getMessage());
      } else {
        log.debug("switch {}: '{}' setup confirmed ({} messages)", sw.id(), setup.name(), messages.size());
      }
    });
  }
}
