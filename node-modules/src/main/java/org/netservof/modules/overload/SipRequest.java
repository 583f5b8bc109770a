package org.netservof.modules.overload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The parts of a SIP request that a response must copy (RFC 3261 §8.2.6): every Via in order, From, To,
 * Call-ID and CSeq. Read from untrusted datagrams: anything that is not a complete request with those
 * headers, a CSeq naming the request's method, and a size a reply can carry is not a request here.
 */
record SipRequest(String method, List<String> vias, String from, String to, String callId, String cseq) {
  /** Above this a reply would not fit a UDP datagram on a common path; such a request is left to the server. */
  static final int MAX_REPLY = 8192;
  private static final String TO_TAG = ";tag=netserv-oc";

  SipRequest {
    vias = List.copyOf(vias);
  }

  /** The request in {@code text} (ISO-8859-1 bytes as chars), or empty when it is malformed. */
  static Optional<SipRequest> parse(String text) {
    int headersEnd = text.indexOf("\r\n\r\n");
    int lineEnd = text.indexOf("\r\n");
    if (headersEnd < 0 || lineEnd <= 0) {
      return Optional.empty();
    }
    String[] requestLine = text.substring(0, lineEnd).split(" ", -1);
    if (requestLine.length != 3 || !requestLine[2].equals("SIP/2.0") || requestLine[0].isEmpty()
        || requestLine[1].isEmpty()) {
      return Optional.empty();
    }
    Headers headers = new Headers();
    for (String line : text.substring(lineEnd + 2, headersEnd).split("\r\n", -1)) {
      headers.note(line);
    }
    return headers.request(requestLine[0]);
  }

  /** The {@code 503 Service Unavailable} answering this request, asking the sender to wait {@code retryAfter} s. */
  String serviceUnavailable(long retryAfter) {
    StringBuilder reply = new StringBuilder(256).append("SIP/2.0 503 Service Unavailable\r\n");
    vias.forEach(via -> reply.append("Via: ").append(via).append("\r\n"));
    boolean tagged = to.toLowerCase(Locale.ROOT).contains(";tag=");
    reply.append("From: ").append(from).append("\r\n")
        .append("To: ").append(to).append(tagged ? "" : TO_TAG).append("\r\n")
        .append("Call-ID: ").append(callId).append("\r\n")
        .append("CSeq: ").append(cseq).append("\r\n")
        .append("Retry-After: ").append(retryAfter).append("\r\n")
        .append("Content-Length: 0\r\n\r\n");
    return reply.toString();
  }

  /** The copied headers as they are met, by long or compact name, ignoring case; the first of each wins. */
  private static final class Headers {
    private final List<String> vias = new ArrayList<>();
    private String from;
    private String to;
    private String callId;
    private String cseq;
    private int size;

    void note(String line) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        return;
      }
      String value = line.substring(colon + 1).strip();
      switch (line.substring(0, colon).strip().toLowerCase(Locale.ROOT)) {
        case "via", "v" -> vias.add(value);
        case "from", "f" -> from = from == null ? value : from;
        case "to", "t" -> to = to == null ? value : to;
        case "call-id", "i" -> callId = callId == null ? value : callId;
        case "cseq" -> cseq = cseq == null ? value : cseq;
        default -> {
          return;
        }
      }
      size += value.length() + 16;
    }

    Optional<SipRequest> request(String method) {
      if (vias.isEmpty() || from == null || to == null || callId == null || cseq == null
          || size + 128 > MAX_REPLY || !cseqNames(method)) {
        return Optional.empty();
      }
      return Optional.of(new SipRequest(method, vias, from, to, callId, cseq));
    }

    /** RFC 3261 §8.1.1.5: the CSeq is a sequence number and the request's method. */
    private boolean cseqNames(String method) {
      String[] parts = cseq.split("[ \t]+");
      return parts.length == 2 && parts[0].matches("[0-9]{1,10}") && parts[1].equals(method);
    }
  }
}
