package org.netservof.bridge.api;

/** Signaling's counters and table sizes (provided by the signaling module); thread-safe, cheap. */
public interface SignalingService {
  SignalingStats stats();
}
