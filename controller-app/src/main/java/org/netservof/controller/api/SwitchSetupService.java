package org.netservof.controller.api;

import java.util.List;

/**
 * Who contributes to what a newly connected switch receives. On each connection the contributors' messages
 * are written in the order of {@link SwitchSetupStage} (then by name), each batch confirmed by a barrier; a
 * batch the switch refuses is logged with the switch and the contributor, and the next stage still runs.
 */
public interface SwitchSetupService {

  /**
   * Adds a contributor. Switches already connected receive its messages at once.
   *
   * @param name unique among contributors; names it in logs and in {@link #setups}
   * @throws IllegalArgumentException if the name is taken
   */
  void addSetup(SwitchSetupStage stage, String name, SwitchSetup setup);

  /** Removes a contributor; no effect if it is not registered. */
  void removeSetup(SwitchSetup setup);

  /** The names of the contributors in the order a connecting switch receives their messages. */
  List<String> setups();
}
