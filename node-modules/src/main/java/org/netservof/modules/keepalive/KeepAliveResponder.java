package org.netservof.modules.keepalive;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.netservof.modules.reply.ServerReply;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.ModuleProperties;
import org.netservof.node.api.NetServModule;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;

/**
 * The thesis's KeepAlive Responder (§7.2): a SIP user agent behind a NAT sends a keep-alive request to its
 * SIP server every few seconds only to keep the NAT binding open. This module, on the path to the server,
 * answers each one on the server's behalf (a {@code 200 OK} from the server's address and port) and drops
 * the request, so keep-alives never cross the provider's network. Everything else passes unchanged.
 *
 * <p>A keep-alive is a UDP datagram to the SIP port ({@code sip-port}, default 5060) holding a
 * {@code NOTIFY} request whose {@code Event} header is {@code keep-alive}. The reply copies the request's
 * Via, From, To, Call-ID and CSeq headers, as RFC 3261 §8.2.6 asks of a response (adding a To tag when the
 * request had none). Header names are matched without regard to case, in long and compact forms. The
 * request is read in place, byte by byte, without decoding text: this runs on every SIP packet.
 */
public final class KeepAliveResponder implements NetServModule {
  private static final int MAX_VIAS = 16;
  private static final int FROM = 0;
  private static final int TO = 1;
  private static final int CALL_ID = 2;
  private static final int CSEQ = 3;

  private final LongAdder answered = new LongAdder();
  private final LongAdder passed = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private int sipPort = 5060;
  // Scratch state of the packet thread: where the copied headers' values lie in the request, and the reply.
  private final int[] copied = new int[8];
  private final int[] vias = new int[2 * MAX_VIAS];
  private int viaCount;
  private boolean keepAlive;
  private byte[] scratch = new byte[1024];

  @Override
  public void start(ModuleContext context) {
    sipPort = ModuleProperties.port(context.properties(), "sip-port", sipPort);
  }

  @Override
  public Verdict process(Packet packet, ModuleContext context) {
    if (!packet.isUdp() || packet.destinationPort() != sipPort
        || !startsWith(packet.data(), packet.udpPayloadOffset(), packet.udpPayloadLength(), NOTIFY_LINE)) {
      passed.increment();
      return Verdict.FORWARD;
    }
    int length = reply(packet.data(), packet.udpPayloadOffset(), packet.udpPayloadLength());
    if (length < 0) {
      passed.increment();
      return Verdict.FORWARD;
    }
    ServerReply.emit(packet, scratch, length, context);
    answered.increment();
    return Verdict.DROP;
  }

  /** The reply to a SIP message as text, for tests; empty when it is not a keep-alive that can be answered. */
  Optional<String> replyTo(String message) {
    byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
    if (!startsWith(bytes, 0, bytes.length, NOTIFY_LINE)) {
      return Optional.empty();
    }
    int length = reply(bytes, 0, bytes.length);
    return length < 0 ? Optional.empty() : Optional.of(new String(scratch, 0, length, StandardCharsets.ISO_8859_1));
  }

  /**
   * Writes the {@code 200 OK} for the SIP request in {@code data[start, start + length)} into the scratch
   * buffer.
   *
   * @return the reply's length, or -1 when the request is not a keep-alive NOTIFY with the headers a
   *     response needs (it then goes on to the server)
   */
  private int reply(byte[] data, int start, int length) {
    int end = start + length;
    int lineEnd = lineEnd(data, start, end);
    if (lineEnd < 0 || !endsWith(data, start, lineEnd, SIP_VERSION)) {
      return -1;
    }
    Arrays.fill(copied, -1);
    viaCount = 0;
    keepAlive = false;
    if (!scanHeaders(data, lineEnd + 2, end) || !keepAlive) {
      return -1;
    }
    if (viaCount == 0 || copied[2 * FROM] < 0 || copied[2 * TO] < 0 || copied[2 * CALL_ID] < 0
        || copied[2 * CSEQ] < 0 || !endsWithIgnoreCase(data, copied[2 * CSEQ], copied[2 * CSEQ + 1], CSEQ_NOTIFY)) {
      malformed.increment();
      return -1;
    }
    return writeReply(data, length);
  }

  /**
   * Reads the header lines from {@code line} on, noting where the copied headers' values lie and whether
   * the Event is a keep-alive; true when the blank line that ends the headers came before {@code end}.
   */
  private boolean scanHeaders(byte[] data, int line, int end) {
    while (line < end) {
      int eol = lineEnd(data, line, end);
      if (eol < 0) {
        return false;
      }
      if (eol == line) {
        return true;
      }
      int colon = indexOf(data, line, eol, (byte) ':');
      if (colon > line) {
        noteHeader(data, line, colon, eol);
      }
      line = eol + 2;
    }
    return false;
  }

  /** One header line, {@code name: value} with the colon at {@code colon}, ending at {@code eol}. */
  private void noteHeader(byte[] data, int line, int colon, int eol) {
    int valueStart = trimStart(data, colon + 1, eol);
    int valueEnd = trimEnd(data, valueStart, eol);
    switch (header(data, line, trimEnd(data, line, colon))) {
      case 'v' -> {
        if (viaCount < MAX_VIAS) {
          vias[2 * viaCount] = valueStart;
          vias[2 * viaCount++ + 1] = valueEnd;
        }
      }
      case 'f' -> keep(FROM, valueStart, valueEnd);
      case 't' -> keep(TO, valueStart, valueEnd);
      case 'i' -> keep(CALL_ID, valueStart, valueEnd);
      case 'c' -> keep(CSEQ, valueStart, valueEnd);
      case 'o' -> {
        int semicolon = indexOf(data, valueStart, valueEnd, (byte) ';');
        keepAlive |= equalsIgnoreCase(data, valueStart, trimEnd(data, valueStart,
            semicolon < 0 ? valueEnd : semicolon), KEEP_ALIVE);
      }
      default -> { }
    }
  }

  /** Writes the 200 OK from the noted headers of a request of {@code length} bytes; returns its length. */
  private int writeReply(byte[] data, int length) {
    if (scratch.length < 128 + length) {
      scratch = new byte[128 + length];
    }
    int at = put(0, STATUS_LINE);
    for (int v = 0; v < viaCount; v++) {
      at = header(at, VIA, data, vias[2 * v], vias[2 * v + 1], null);
    }
    at = header(at, FROM_NAME, data, copied[2 * FROM], copied[2 * FROM + 1], null);
    boolean toTagged = indexOfIgnoreCase(data, copied[2 * TO], copied[2 * TO + 1], TAG_PARAMETER) >= 0;
    at = header(at, TO_NAME, data, copied[2 * TO], copied[2 * TO + 1], toTagged ? null : TO_TAG);
    at = header(at, CALL_ID_NAME, data, copied[2 * CALL_ID], copied[2 * CALL_ID + 1], null);
    at = header(at, CSEQ_NAME, data, copied[2 * CSEQ], copied[2 * CSEQ + 1], null);
    return put(at, END);
  }

  private void keep(int which, int valueStart, int valueEnd) {
    if (copied[2 * which] < 0) {
      copied[2 * which] = valueStart;
      copied[2 * which + 1] = valueEnd;
    }
  }

  private int header(int at, byte[] name, byte[] data, int from, int to, byte[] suffix) {
    at = put(at, name);
    System.arraycopy(data, from, scratch, at, to - from);
    at += to - from;
    if (suffix != null) {
      at = put(at, suffix);
    }
    return put(at, CRLF);
  }

  private int put(int at, byte[] bytes) {
    System.arraycopy(bytes, 0, scratch, at, bytes.length);
    return at + bytes.length;
  }

  /**
   * Which header a name is, in its long or compact form: 'v' Via, 'f' From, 't' To, 'i' Call-ID, 'c' CSeq,
   * 'o' Event; 0 for the others.
   */
  private static char header(byte[] data, int from, int to) {
    if (to - from == 1) {
      char c = (char) (data[from] | 0x20);
      return c == 'v' || c == 'f' || c == 't' || c == 'i' || c == 'o' ? c : 0;
    }
    for (int h = 0; h < LONG_NAMES.length; h++) {
      if (equalsIgnoreCase(data, from, to, LONG_NAMES[h])) {
        return LONG_CODES[h];
      }
    }
    return 0;
  }

  private static int lineEnd(byte[] data, int from, int end) {
    for (int i = from; i + 1 < end; i++) {
      if (data[i] == '\r' && data[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] data, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfIgnoreCase(byte[] data, int from, int to, byte[] lowerNeedle) {
    for (int i = from; i + lowerNeedle.length <= to; i++) {
      if (equalsIgnoreCase(data, i, i + lowerNeedle.length, lowerNeedle)) {
        return i;
      }
    }
    return -1;
  }

  private static int trimStart(byte[] data, int from, int to) {
    while (from < to && (data[from] == ' ' || data[from] == '\t')) {
      from++;
    }
    return from;
  }

  private static int trimEnd(byte[] data, int from, int to) {
    while (to > from && (data[to - 1] == ' ' || data[to - 1] == '\t')) {
      to--;
    }
    return to;
  }

  /** ASCII comparison, ignoring case, with a lower-case constant. */
  private static boolean equalsIgnoreCase(byte[] data, int from, int to, byte[] lower) {
    if (to - from != lower.length) {
      return false;
    }
    for (int i = 0; i < lower.length; i++) {
      byte b = data[from + i];
      if ((b >= 'A' && b <= 'Z' ? (byte) (b | 0x20) : b) != lower[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] data, int from, int length, byte[] prefix) {
    return length >= prefix.length && Arrays.equals(data, from, from + prefix.length, prefix, 0, prefix.length);
  }

  private static boolean endsWith(byte[] data, int from, int to, byte[] suffix) {
    return to - from >= suffix.length && Arrays.equals(data, to - suffix.length, to, suffix, 0, suffix.length);
  }

  private static boolean endsWithIgnoreCase(byte[] data, int from, int to, byte[] lowerSuffix) {
    return to - from >= lowerSuffix.length && equalsIgnoreCase(data, to - lowerSuffix.length, to, lowerSuffix);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static final byte[] NOTIFY_LINE = ascii("NOTIFY ");
  private static final byte[] SIP_VERSION = ascii(" SIP/2.0");
  private static final byte[] KEEP_ALIVE = ascii("keep-alive");
  private static final byte[] CSEQ_NOTIFY = ascii(" notify");
  private static final byte[] TAG_PARAMETER = ascii(";tag=");
  private static final byte[][] LONG_NAMES = {ascii("via"), ascii("from"), ascii("to"), ascii("call-id"),
      ascii("cseq"), ascii("event")};
  private static final char[] LONG_CODES = {'v', 'f', 't', 'i', 'c', 'o'};
  private static final byte[] STATUS_LINE = ascii("SIP/2.0 200 OK\r\n");
  private static final byte[] VIA = ascii("Via: ");
  private static final byte[] FROM_NAME = ascii("From: ");
  private static final byte[] TO_NAME = ascii("To: ");
  private static final byte[] CALL_ID_NAME = ascii("Call-ID: ");
  private static final byte[] CSEQ_NAME = ascii("CSeq: ");
  private static final byte[] CRLF = ascii("\r\n");
  private static final byte[] END = ascii("Content-Length: 0\r\n\r\n");
  private static final byte[] TO_TAG = ascii(";tag=netserv-ka");

  @Override
  public Map<String, Object> report() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("answered", answered.sum());
    report.put("passed", passed.sum());
    report.put("malformed-keep-alives", malformed.sum());
    report.put("sip-port", sipPort);
    return report;
  }
}
