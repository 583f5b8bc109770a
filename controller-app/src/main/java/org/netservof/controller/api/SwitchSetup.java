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
public interface SwitchSetup {

  /** Unique among contributors; orders contributors of the same stage and names this one in logs. */
  String name();

  /** When this contributor's messages go out; {@link SwitchSetupStage} says why the stages are in that order. */
  SwitchSetupStage stage();

  /**
   * The messages for the switch, built with its factory, in the order they must be applied. May ask the
   * switch first (a statistics request) and complete later; must not write. An empty list sends nothing.
   */
  CompletionStage<List<OFMessage>> messages(OFSwitch sw);

  /** A contributor whose messages depend only on the switch (its factory, its ports), built at once. */
  static SwitchSetup of(String name, SwitchSetupStage stage, Function<OFSwitch, List<? extends OFMessage>> messages) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(messages, "messages");
    return new SwitchSetup() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public SwitchSetupStage stage() {
        return stage;
      }

      @Override
      public CompletionStage<List<OFMessage>> messages(OFSwitch sw) {
        return CompletableFuture.completedFuture(List.<OFMessage>copyOf(messages.apply(sw)));
      }
    };
  }
}
