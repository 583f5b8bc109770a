package org.netservof.rest.server;

import java.util.Locale;

/**
 * What an operator's token allows, as a ladder: each scope includes those below it. {@code read} sees
 * everything the API shows; {@code write} creates, refreshes and deletes services within each user's grant;
 * {@code admin} also writes raw flow entries (the static entry pusher), drains and removes nodes, and creates
 * services beyond a user's grant: each of those can bypass what a user was granted, so it is kept apart.
 */
public enum Scope {
  READ, WRITE, ADMIN;

  public boolean includes(Scope needed) {
    return compareTo(needed) >= 0;
  }

  /** The name operators write in the configuration and see in messages. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code read}, {@code write} or {@code admin}, in any case. */
  public static Scope parse(String word) {
    for (Scope s : values()) {
      if (s.word().equalsIgnoreCase(word.strip())) {
        return s;
      }
    }
    throw new IllegalArgumentException("scope '" + word + "' is not one of read, write, admin");
  }
}
