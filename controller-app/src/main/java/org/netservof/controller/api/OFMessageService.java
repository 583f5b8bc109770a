package org.netservof.controller.api;

import java.util.List;
import org.projectfloodlight.openflow.protocol.OFType;

/** The ordered listener chains, one per OpenFlow message type. */
public interface OFMessageService {

  /**
   * Adds a listener to the chain of {@code type}. The chain is re-ordered at once: by stage
   * ({@link PacketInStage} says why the stages are in that order), and by name within a stage, so the order
   * never depends on registration order.
   *
   * @param name unique in the chain; names the listener in logs and in {@link #chain}
   * @throws IllegalArgumentException if the name is taken in that chain
   */
  void addListener(OFType type, PacketInStage stage, String name, MessageListener listener);

  /** Removes a listener; no effect if it is not registered. */
  void removeListener(OFType type, MessageListener listener);

  /** The names of the chain's listeners in the order they run. */
  List<String> chain(OFType type);

  /** How many messages of the type have been dispatched since the controller started. */
  long dispatched(OFType type);

  /**
   * How many PacketIns were dropped since the controller started because their switch port had used up its
   * budget ({@code flood-protection.packet-in-rate}); they reached no listener.
   */
  long packetInsOverBudget();
}
