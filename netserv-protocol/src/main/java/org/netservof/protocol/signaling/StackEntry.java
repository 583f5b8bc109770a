package org.netservof.protocol.signaling;

import java.util.Objects;

/**
 * One domain's outcome in a response's {@code stack}: each domain on the signaling path appends its own as
 * the response travels back, so the sender sees what happened where.
 *
 * @param domain the domain's name: letters, digits, {@code . _ -}, at most 64
 * @param code its status, 100-599
 * @param detail printable ASCII for people, at most {@link #MAX_DETAIL} characters, may be empty
 */
public record StackEntry(String domain, int code, String detail) {
  /** Keeps every {@code stack} line within {@link SignalCodec#MAX_LINE} whatever the domain name. */
  public static final int MAX_DETAIL = 900;

  public StackEntry {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(detail, "detail");
    if (!HeaderRules.isName(domain)) {
      throw new IllegalArgumentException("domain '" + domain + "' must be 1-64 letters, digits, '.', '_' or '-'");
    }
    if (code < 100 || code > 599) {
      throw new IllegalArgumentException("code " + code + " is not 100-599");
    }
    if (detail.length() > MAX_DETAIL || !HeaderRules.isPrintable(detail)) {
      throw new IllegalArgumentException("detail must be at most " + MAX_DETAIL + " printable ASCII characters");
    }
  }
}
