package org.netservof.controller.api.fabric;

/** Told about host changes. */
public interface HostListener {
  void hostChanged(HostEvent event);

  /** A second MAC claimed an address a known host holds; the claim was not learnt. */
  default void addressConflict(AddressConflict conflict) {}
}
