package org.netservof.modules.cdn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.netservof.modules.common.ClientError;

/**
 * An origin's HTTP/1.1 answer to one GET, read from the connection: the head (status line and headers) at most
 * {@value #MAX_HEAD} bytes, then a body delimited by {@code Content-Length} or, without one, by the origin closing
 * the connection (the request said {@code Connection: close}); a chunked body ({@code Transfer-Encoding}) is
 * refused (502), as is a body over {@code max-object-bytes} (read no further) or one cut short.
 */
final class OriginResponse {
  static final int MAX_HEAD = 16 * 1024;
  private static final int END_OF_HEAD = '\r' << 24 | '\n' << 16 | '\r' << 8 | '\n';

  private OriginResponse() {}

  /** The object the origin answered with, stamped {@code now}; anything but a whole 200 is a ClientError. */
  static CachedObject read(InputStream in, int maxBody, long now) throws IOException, ClientError {
    String[] lines = head(in).split("\r\n");
    String[] status = lines[0].split(" ", 3);
    if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].matches("[0-9]{3}")) {
      throw new ClientError(502, "the origin's answer is not HTTP/1.x");
    }
    int code = Integer.parseInt(status[1]);
    if (code != 200) {
      throw new ClientError(code == 404 ? 404 : 502, "the origin answered " + code);
    }
    Map<String, String> headers = headers(lines);
    if (headers.containsKey("transfer-encoding")) {
      throw new ClientError(502, "the origin's answer is " + headers.get("transfer-encoding")
          + "-encoded; only a Content-Length or close-delimited body is read");
    }
    byte[] body = body(in, headers.get("content-length"), maxBody);
    String type = headers.getOrDefault("content-type", "application/octet-stream");
    return new CachedObject(type.replaceAll("[\\x00-\\x1f]", ""), body, now);
  }

  private static String head(InputStream in) throws IOException, ClientError {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0; // the last four bytes read, to see the blank line without copying the head at every byte
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      last4 = last4 << 8 | b;
      int n = head.size();
      if (n >= 4 && last4 == END_OF_HEAD) {
        return new String(head.toByteArray(), 0, n - 4, StandardCharsets.ISO_8859_1);
      }
      if (n >= MAX_HEAD) {
        throw new ClientError(502, "the origin's answer has a head over " + MAX_HEAD + " bytes");
      }
    }
    throw new ClientError(502, "the origin closed the connection before the end of its answer's head");
  }

  private static Map<String, String> headers(String[] lines) {
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    return headers;
  }

  private static byte[] body(InputStream in, String contentLength, int maxBody) throws IOException, ClientError {
    String tooLarge = "the object is larger than max-object-bytes (" + maxBody + ")";
    if (contentLength == null) {
      byte[] body = in.readNBytes(maxBody + 1);
      if (body.length > maxBody) {
        throw new ClientError(502, tooLarge);
      }
      return body;
    }
    if (!contentLength.matches("[0-9]{1,18}")) {
      throw new ClientError(502, "the origin's Content-Length '" + contentLength + "' is not a length");
    }
    long length = Long.parseLong(contentLength);
    if (length > maxBody) {
      throw new ClientError(502, tooLarge);
    }
    byte[] body = in.readNBytes((int) length);
    if (body.length < length) {
      throw new ClientError(502, "the origin's answer was cut short: " + body.length + " of " + length + " bytes");
    }
    return body;
  }
}
