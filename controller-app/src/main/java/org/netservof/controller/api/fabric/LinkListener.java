package org.netservof.controller.api.fabric;

import java.util.List;

/** Told about link changes, in batches: one port going down can take two directed links at once. */
public interface LinkListener {
  void linksChanged(List<LinkEvent> events);

  /**
   * A probe of ours would have made a link through a host-facing port and was refused (a relay, or a host
   * that bridges two switch ports); called once per refused probe, at most once per probe sent.
   */
  default void linkRefused(LinkRefusal refusal) {}
}
