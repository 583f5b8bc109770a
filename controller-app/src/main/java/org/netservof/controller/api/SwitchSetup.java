package org.netservof.controller.api;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * One contributor to what a newly connected switch receives. It returns messages and never writes them:
 * the {@link SwitchSetupService} writes every contributor's messages in {@link SwitchSetupStage} order.
 */
@FunctionalInterface
public interface SwitchSetup {

  /**
   * The messages for the switch, built with its factory, in the order they must be applied. May ask the
   * switch first (a statistics request) and complete later; must not write. An empty list sends nothing.
   */
  CompletionStage<List<OFMessage>> messages(OFSwitch sw);

  /** A contributor whose messages depend only on the switch (its factory, its ports), built at once. */
  static SwitchSetup fixed(Function<OFSwitch, List<? extends OFMessage>> messages) {
    Objects.requireNonNull(messages, "messages");
    return sw -> CompletableFuture.completedFuture(List.<OFMessage>copyOf(messages.apply(sw)));
  }
}
