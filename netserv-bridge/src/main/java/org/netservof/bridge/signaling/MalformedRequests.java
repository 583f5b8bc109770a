package org.netservof.bridge.signaling;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netservof.protocol.signaling.Method;
import org.netservof.protocol.signaling.SignalResponse;

/** The answer to a request that did not parse, when enough of it reads to address one. */
final class MalformedRequests {
  private static final Pattern REQUEST_LINE = Pattern.compile(
      "\\A(SETUP|REMOVE|PROBE|TRIGGER) (\\S{1,100}) NETSERV/0\\.1\\r?\\n");
  private static final Pattern NONCE = Pattern.compile("(?m)^nonce: *([A-Za-z0-9_-]{16,64})\\r?$");

  private MalformedRequests() {}

  /**
   * A 400 response to a message that did not parse: the sender matches answers by nonce, so without a method,
   * module and nonce nobody could take it.
   */
  static Optional<SignalResponse> answerable(byte[] payload) {
    String text = new String(payload, StandardCharsets.ISO_8859_1);
    Matcher line = REQUEST_LINE.matcher(text);
    Matcher nonce = NONCE.matcher(text);
    if (!line.find() || !nonce.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(SignalResponse.of(400, Method.valueOf(line.group(1)), line.group(2), nonce.group(1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
