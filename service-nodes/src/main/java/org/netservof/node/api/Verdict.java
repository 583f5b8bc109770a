package org.netservof.node.api;

/** What happens to a packet after a module saw it. */
public enum Verdict {
  /** On to the next module, then back into the network (as the module left it). */
  FORWARD,
  /** Gone: no later module sees it, and it does not go back into the network. */
  DROP
}
