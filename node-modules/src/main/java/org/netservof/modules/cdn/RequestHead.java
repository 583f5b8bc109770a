package org.netservof.modules.cdn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.netservof.modules.common.ClientError;

/**
 * An HTTP/1.1 request head (RFC 9112 §2-§5), read with bounds before anything is kept: a request line over
 * {@link #MAX_LINE} bytes is answered 414, headers over {@link #MAX_HEADER_BYTES} bytes or {@link #MAX_HEADERS}
 * lines 431, anything not HTTP/1.x 400. A request with a body is refused: the server serves GET and HEAD only.
 *
 * @param method the method, as sent
 * @param target the request target, as sent
 * @param headers header names in lower case, the last value of each
 */
record RequestHead(String method, String target, Map<String, String> headers) {
  static final int MAX_LINE = 2048;
  static final int MAX_HEADER_BYTES = 8192;
  static final int MAX_HEADERS = 64;

  RequestHead {
    headers = Map.copyOf(headers);
  }

  /** Reads a request head from {@code in}; fails with the status to answer. */
  static RequestHead read(InputStream in) throws IOException, ClientError {
    String[] parts = line(in, MAX_LINE, 414, "request line too long").split(" ", -1);
    if (parts.length != 3 || !parts[2].matches("HTTP/1\\.[01]") || !parts[0].matches("[A-Z]{1,16}")
        || parts[1].isEmpty()) {
      throw new ClientError(400, "malformed request line");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    int budget = MAX_HEADER_BYTES;
    for (int count = 0; ; count++) {
      String header = line(in, budget, 431, "request headers too large");
      if (header.isEmpty()) {
        break;
      }
      budget -= header.length() + 2;
      int colon = header.indexOf(':');
      if (count == MAX_HEADERS || budget <= 0) {
        throw new ClientError(431, "request headers too large");
      }
      if (colon <= 0 || !header.substring(0, colon).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        throw new ClientError(400, "malformed header line");
      }
      headers.put(header.substring(0, colon).toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
    }
    return new RequestHead(parts[0], parts[1], headers);
  }

  /** One CRLF-ended line of at most {@code max} bytes, ISO-8859-1 (HTTP's octets); a bare LF ends it too. */
  private static String line(InputStream in, int max, int status, String reason) throws IOException, ClientError {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new ClientError(400, "connection closed inside the request head");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= max) {
        throw new ClientError(status, reason);
      }
      line.write(b);
    }
  }

  /** Whether the request says it has a body (which this server does not read). */
  boolean hasBody() {
    String length = headers.get("content-length");
    return headers.containsKey("transfer-encoding") || (length != null && !length.equals("0"));
  }
}
