package org.netservof.controller.core;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchSetup;
import org.netservof.controller.api.SwitchSetupService;
import org.netservof.controller.api.SwitchSetupStage;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contributors to a switch's setup, kept in stage order. Changes copy the list; a connecting switch reads
 * a snapshot, so a contributor added meanwhile is applied once, not twice or never.
 */
final class SwitchSetups implements SwitchSetupService {
  private static final Logger log = LoggerFactory.getLogger(SwitchSetups.class);

  private final Supplier<Collection<OFSwitch>> connected;
  private volatile StagedList<SwitchSetupStage, SwitchSetup> ordered = StagedList.empty();

  /** @param connected the switches connected now, which a new contributor sets up at once */
  SwitchSetups(Supplier<Collection<OFSwitch>> connected) {
    this.connected = connected;
  }

  @Override
  public void addSetup(SwitchSetupStage stage, String name, SwitchSetup setup) {
    StagedList<SwitchSetupStage, SwitchSetup> added;
    synchronized (this) {
      ordered = ordered.with(stage, name, setup, "switch setup");
      added = StagedList.<SwitchSetupStage, SwitchSetup>empty().with(stage, name, setup, "switch setup");
    }
    connected.get().forEach(sw -> apply(added, sw));
  }

  @Override
  public synchronized void removeSetup(SwitchSetup setup) {
    ordered = ordered.without(setup);
  }

  @Override
  public List<String> setups() {
    return ordered.names();
  }

  /**
   * Writes every contributor's messages to a switch that just connected, in order. Completes once every
   * batch is written (not yet confirmed: the barrier after each keeps the order on the switch); never
   * exceptionally.
   */
  CompletableFuture<Void> setUp(OFSwitch sw) {
    return apply(ordered, sw);
  }

  private static CompletableFuture<Void> apply(StagedList<SwitchSetupStage, SwitchSetup> setups, OFSwitch sw) {
    CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
    for (StagedList.Entry<SwitchSetupStage, SwitchSetup> setup : setups.entries()) {
      done = done.thenCompose(ignored -> messagesOf(setup, sw)).thenAccept(messages -> write(setup, sw, messages));
    }
    return done;
  }

  /** The contributor's messages; none, logged, when it fails to say what they are. */
  private static CompletableFuture<List<OFMessage>> messagesOf(StagedList.Entry<SwitchSetupStage, SwitchSetup> setup,
      OFSwitch sw) {
    try {
      return setup.item().messages(sw).toCompletableFuture().exceptionally(failure -> {
        log.error("switch {}: setup '{}' could not build its entries; the switch goes without them: {}", sw.id(),
            setup.name(), failure.getMessage());
        return List.of();
      });
    } catch (RuntimeException e) {
      log.error("switch {}: setup '{}' failed; the switch goes without its entries", sw.id(), setup.name(), e);
      return CompletableFuture.completedFuture(List.of());
    }
  }

  private static void write(StagedList.Entry<SwitchSetupStage, SwitchSetup> setup, OFSwitch sw,
      List<OFMessage> messages) {
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
