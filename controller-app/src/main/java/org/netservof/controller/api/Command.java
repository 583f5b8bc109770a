package org.netservof.controller.api;

/** What a message listener tells the chain after handling a message. */
public enum Command {
  /** Pass the message to the next listener. */
  CONTINUE,
  /** The message is handled; later listeners do not see it. */
  STOP
}
