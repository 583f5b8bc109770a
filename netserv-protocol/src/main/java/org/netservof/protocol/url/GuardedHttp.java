package org.netservof.protocol.url;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The HTTP client for URLs that come from requests. It checks the URL against its {@link UrlPolicy}, resolves
 * the host once, checks every address the name has, and connects to the first one: the address checked is the
 * address used, so a name that changes its answer between a check and a connect (DNS rebinding) gains
 * nothing. It speaks HTTP/1.1 (one request per connection, no redirects followed), reads at most
 * {@link Limits#maxBytes()} and gives up when {@link Limits#deadline()} has passed since it started, however
 * slowly the server dribbles. An interrupted thread stops it at once (the channel closes).
 *
 * <p>Its exceptions name the URL, the address and the status: for the log of the party that fetched, not for
 * whoever wrote the URL (see the callers).
 */
public final class GuardedHttp {
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  /** How a host name becomes addresses: the system's resolver, or a test's own names. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /**
   * @param connectTimeout the longest a connection may take to open
   * @param deadline the longest the whole exchange may take, from the connect to the last byte
   * @param maxBytes the largest body read; a larger one is refused
   */
  public record Limits(Duration connectTimeout, Duration deadline, long maxBytes) {
    public Limits {
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(deadline, "deadline");
      if (connectTimeout.toMillis() < 1 || deadline.toMillis() < 1) {
        throw new IllegalArgumentException("connect timeout and deadline must be at least 1ms, were "
            + connectTimeout + " and " + deadline);
      }
      if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("maxBytes must be 1 to " + (Integer.MAX_VALUE - 8) + ", was " + maxBytes);
      }
    }
  }

  /** What a server answered: its status and (at most {@link Limits#maxBytes()} of) its body. */
  public record Response(int status, byte[] body) {}

  private final UrlPolicy policy;
  private final Limits limits;
  private final Resolver resolver;

  public GuardedHttp(UrlPolicy policy, Limits limits, Resolver resolver) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /** With the system's resolver. */
  public GuardedHttp(UrlPolicy policy, Limits limits) {
    this(policy, limits, InetAddress::getAllByName);
  }

  /** The body at {@code url}, which must answer 200. */
  public byte[] get(String url) throws IOException {
    Response r = exchange(url, "GET", null, new byte[0]);
    if (r.status() != 200) {
      throw new IOException(url + " answered HTTP " + r.status()
          + (r.status() / 100 == 3 ? " (redirects are not followed)" : ""));
    }
    return r.body();
  }

  /** Posts {@code body}; the server's answer, whatever its status. */
  public Response post(String url, String contentType, byte[] body) throws IOException {
    return exchange(url, "POST", contentType, body);
  }

  private Response exchange(String url, String method, String contentType, byte[] body) throws IOException {
    Optional<String> refused = policy.refusal(url);
    if (refused.isPresent()) {
      throw new IOException(refused.get());
    }
    URI uri = URI.create(url);
    InetAddress address = checkedAddress(url, uri.getHost());
    long deadline = System.nanoTime() + limits.deadline().toNanos();
    int port = UrlPolicy.port(uri);
    try (SocketChannel channel = SocketChannel.open()) {
      Socket socket = channel.socket();
      socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, Math.min(
          limits.connectTimeout().toMillis(), remainingMillis(url, deadline))));
      Socket s = "https".equalsIgnoreCase(uri.getScheme()) ? tls(socket, uri.getHost(), port) : socket;
      OutputStream out = s.getOutputStream();
      out.write(head(uri, method, contentType, body.length).getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return read(url, new BufferedInputStream(new DeadlineStream(s, url, deadline)));
    }
  }

  /** The host's first address, once every address it has passed the policy. */
  private InetAddress checkedAddress(String url, String host) throws IOException {
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] all = resolver.resolve(name);
    if (all.length == 0) {
      throw new UnknownHostException(name);
    }
    for (InetAddress a : all) {
      Optional<String> refused = policy.refusal(a);
      if (refused.isPresent()) {
        throw new IOException("'" + url + "' " + refused.get());
      }
    }
    return all[0];
  }

  private static Socket tls(Socket plain, String host, int port) throws IOException {
    SSLSocket s = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port,
        true);
    SSLParameters p = s.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host the URL names
    s.setSSLParameters(p);
    s.startHandshake();
    return s;
  }

  private static String head(URI uri, String method, String contentType, int length) {
    String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    String host = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    StringBuilder h = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
        + "\r\nUser-Agent: netserv-of\r\nAccept: */*\r\nConnection: close\r\n");
    if (contentType != null) {
      h.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(length).append("\r\n");
    }
    return h.append("\r\n").toString();
  }

  /** The status line, headers and body of an answer, within the limits. */
  private Response read(String url, InputStream in) throws IOException {
    String status = line(url, in);
    if (!status.matches("HTTP/1\\.[01] \\d{3}( .*)?")) {
      throw new IOException(url + " did not answer HTTP: '" + status.substring(0, Math.min(60, status.length()))
          + "'");
    }
    long length = -1;
    boolean chunked = false;
    int headerBytes = status.length();
    for (String h = line(url, in); !h.isEmpty(); h = line(url, in)) {
      headerBytes += h.length();
      if (headerBytes > MAX_HEADER_BYTES) {
        throw new IOException(url + " sent more than " + MAX_HEADER_BYTES + " bytes of headers");
      }
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = parseLength(url, h.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:")) {
        chunked = transferEncoding(url, lower.substring(18).trim());
      }
    }
    if (length > limits.maxBytes()) {
      throw new IOException(url + " is " + length + " bytes, more than the " + limits.maxBytes() + " allowed");
    }
    return new Response(Integer.parseInt(status.substring(9, 12)),
        chunked ? body(url, new ChunkedStream(in, url), -1) : body(url, in, length));
  }

  /** Whether the body comes in chunks; any coding other than chunked (or none) is refused. */
  private static boolean transferEncoding(String url, String value) throws IOException {
    if (value.equals("chunked")) {
      return true;
    }
    if (value.equals("identity")) {
      return false;
    }
    throw new IOException(url + " sent its body with transfer-encoding '" + value + "'");
  }

  private byte[] body(String url, InputStream in, long length) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    long limit = length >= 0 ? length : limits.maxBytes() + 1;
    int n;
    while (out.size() < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - out.size()))) > 0) {
      out.write(buffer, 0, n);
    }
    if (out.size() > limits.maxBytes()) {
      throw new IOException(url + " sent more than the " + limits.maxBytes() + " bytes allowed");
    }
    if (length >= 0 && out.size() < length) {
      throw new IOException(url + " ended after " + out.size() + " of its " + length + " bytes");
    }
    return out.toByteArray();
  }

  private static long parseLength(String url, String value) throws IOException {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IOException(url + " sent Content-Length '" + value + "'");
    }
  }

  /** One header line, CRLF or LF ended, at most 8 KB. */
  static String line(String url, InputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException(url + " closed the connection inside the headers");
      }
      if (s.length() > 8192) {
        throw new IOException(url + " sent a header line longer than 8192 bytes");
      }
      s.append((char) c);
    }
    return s.toString().endsWith("\r") ? s.substring(0, s.length() - 1) : s.toString();
  }

  static long remainingMillis(String url, long deadline) throws IOException {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new IOException(url + " was not fetched within its deadline");
    }
    return left;
  }
}
