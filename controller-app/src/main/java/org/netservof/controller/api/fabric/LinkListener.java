package org.netservof.controller.api.fabric;

import java.util.List;

/** Told about link changes, in batches: one port going down can take two directed links at once. */
public interface LinkListener {
  void linksChanged(List<LinkEvent> events);
}
