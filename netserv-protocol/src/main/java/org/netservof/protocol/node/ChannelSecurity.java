package org.netservof.protocol.node;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the node channel is authenticated: both ends know the node's own token (one per node id, so a node
 * cannot speak for another), and neither sends it. Each side
 * picks a nonce; each proves it knows the token with an HMAC-SHA256 over both nonces and the node's id
 * (the controller in {@link ChannelMessage.Challenge}, the node in {@link ChannelMessage.Proof}); after
 * that every message is sealed with a session key derived the same way ({@link Session}), so nobody on the
 * management network can inject or replay an install command. The channel is not encrypted: the commands
 * and statistics it carries are not secret, and the modules themselves are checked by digest.
 */
public final class ChannelSecurity {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ChannelSecurity() {}

  /** A fresh random nonce, 32 hex digits. */
  public static String nonce() {
    byte[] n = new byte[16];
    RANDOM.nextBytes(n);
    return HexFormat.of().formatHex(n);
  }

  /** The controller's proof that it knows the token. */
  public static String controllerProof(String token, String nodeNonce, String controllerNonce, String nodeId) {
    return hmacHex(token.getBytes(StandardCharsets.UTF_8), "controller", nodeNonce, controllerNonce, nodeId);
  }

  /** The node's proof that it knows the token. */
  public static String nodeProof(String token, String nodeNonce, String controllerNonce, String nodeId) {
    return hmacHex(token.getBytes(StandardCharsets.UTF_8), "node", nodeNonce, controllerNonce, nodeId);
  }

  /** Compares a received proof with the expected one in constant time. */
  public static boolean matches(String expected, String received) {
    return received != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        received.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The sealed part of a conversation, one per connection. A sealed line is {@code SEQ MAC JSON}: the
   * sender's message number (from 1, one up each time), and an HMAC-SHA256 under the session key of the
   * direction, the number and the JSON. {@link #open} refuses a line whose MAC is wrong or whose number is
   * not the next one, so lines cannot be forged, reordered or replayed.
   */
  public static final class Session {
    private final byte[] key;
    private final String sendDirection;
    private final String receiveDirection;
    private long sent;
    private long received;

    private Session(byte[] key, String sendDirection, String receiveDirection) {
      this.key = key;
      this.sendDirection = sendDirection;
      this.receiveDirection = receiveDirection;
    }

    /** The node's end of the session. */
    public static Session forNode(String token, String nodeNonce, String controllerNonce, String nodeId) {
      return new Session(sessionKey(token, nodeNonce, controllerNonce, nodeId), "node", "controller");
    }

    /** The controller's end of the session. */
    public static Session forController(String token, String nodeNonce, String controllerNonce, String nodeId) {
      return new Session(sessionKey(token, nodeNonce, controllerNonce, nodeId), "controller", "node");
    }

    /** The line that carries {@code message}; call from one thread at a time, in sending order. */
    public synchronized String seal(ChannelMessage message) {
      String json = Json.line(message);
      long seq = ++sent;
      return seq + " " + hmacHex(key, sendDirection, Long.toString(seq), json) + " " + json;
    }

    /**
     * The message a sealed line carries.
     *
     * @throws SecurityException when the line is not sealed, its MAC is wrong, or it is out of order
     * @throws java.io.IOException when the JSON is not a message
     */
    public synchronized ChannelMessage open(String line) throws java.io.IOException {
      int first = line.indexOf(' ');
      int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
      if (second < 0) {
        throw new SecurityException("an unsealed line on a sealed channel");
      }
      String seq = line.substring(0, first);
      String mac = line.substring(first + 1, second);
      String json = line.substring(second + 1);
      if (!matches(hmacHex(key, receiveDirection, seq, json), mac)) {
        throw new SecurityException("a line whose MAC does not check out");
      }
      if (!seq.equals(Long.toString(received + 1))) {
        throw new SecurityException("line number " + seq + " where " + (received + 1) + " was due (replayed or lost)");
      }
      received++;
      return Json.read(json, ChannelMessage.class);
    }

    private static byte[] sessionKey(String token, String nodeNonce, String controllerNonce, String nodeId) {
      return HexFormat.of().parseHex(hmacHex(token.getBytes(StandardCharsets.UTF_8), "session", nodeNonce,
          controllerNonce, nodeId));
    }
  }

  private static String hmacHex(byte[] key, String... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (String part : parts) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        // Length-prefixed, so that no two different part lists hash the same bytes.
        mac.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
            (byte) bytes.length});
        mac.update(bytes);
      }
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
