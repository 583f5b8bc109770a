package org.netservof.controller.api.fabric;

/** Told about host changes. */
public interface HostListener {
  void hostChanged(HostEvent event);
}
