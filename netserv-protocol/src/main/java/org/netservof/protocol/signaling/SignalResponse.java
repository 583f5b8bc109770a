package org.netservof.protocol.signaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a signaling request, sent back along the path the request took.
 *
 * @param code the overall status, 100-599: the worst (highest) of the domains' codes
 * @param reason the status text for people: 1-{@link #MAX_REASON} printable ASCII characters
 * @param method the request's method
 * @param module the request's {@code <name>_<version>} token
 * @param nonce the request's nonce, so the sender can match the answer to what it asked
 * @param stack the domains' outcomes, first added first (the first is the domain farthest along the path)
 */
public record SignalResponse(int code, String reason, Method method, String module, String nonce,
    List<StackEntry> stack) {
  /** Keeps the status line far within {@link SignalCodec#MAX_LINE}. */
  public static final int MAX_REASON = 100;

  public SignalResponse {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(nonce, "nonce");
    stack = List.copyOf(stack);
    if (code < 100 || code > 599) {
      throw new IllegalArgumentException("code " + code + " is not 100-599");
    }
    if (reason.isEmpty() || reason.length() > MAX_REASON || !HeaderRules.isPrintable(reason)) {
      throw new IllegalArgumentException("reason must be 1-" + MAX_REASON + " printable ASCII characters");
    }
    if (!HeaderRules.isModule(module)) {
      throw new IllegalArgumentException("module '" + module + "' must be <name>_<version>");
    }
    if (!HeaderRules.isNonce(nonce)) {
      throw new IllegalArgumentException("nonce must be 16-64 letters, digits, '_' or '-'");
    }
  }

  /** A response with the standard reason text for its code and no stack entries yet. */
  public static SignalResponse of(int code, Method method, String module, String nonce) {
    return new SignalResponse(code, SignalCodec.reasonFor(code), method, module, nonce, List.of());
  }

  /**
   * A copy with {@code e} appended. The worst outcome wins: a higher code replaces the overall code and
   * reason, so a failure anywhere on the path is what the sender sees first.
   */
  public SignalResponse withEntry(StackEntry e) {
    List<StackEntry> entries = new ArrayList<>(stack);
    entries.add(Objects.requireNonNull(e, "entry"));
    return e.code() > code
        ? new SignalResponse(e.code(), SignalCodec.reasonFor(e.code()), method, module, nonce, entries)
        : new SignalResponse(code, reason, method, module, nonce, entries);
  }
}
