package org.netservof.modules.cdn;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.netservof.modules.common.ClientError;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.TcpConnection;

/**
 * Fetches objects from the configured origin only ({@link RequestPath#at}), over a connection the node makes
 * for the module ({@link ModuleContext#connectTcp}: the origin's address and port must be in the user's
 * {@code connect-to} grant; a container has no network, and no resolver, of its own, so the origin's host is an
 * IPv4 address). One plain HTTP/1.1 GET per connection ({@code Connection: close}), read by {@link
 * OriginResponse}: never following a redirect, the whole answer within {@code origin-timeout-ms} (else 504: the
 * connection is closed under the read), and no more than {@code max-object-bytes} of a body (else 502). The
 * origin's 404 is passed on; any other answer but 200 is 502.
 */
final class OriginClient implements AutoCloseable {
  private final CdnSettings settings;
  private final ModuleContext context;
  /** Closes a fetch's connection at its deadline: reads on it are bounded only by the container's I/O timeout. */
  private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "activecdn-origin-deadlines");
    t.setDaemon(true);
    return t;
  });

  OriginClient(CdnSettings settings, ModuleContext context) {
    this.settings = settings;
    this.context = context;
  }

  /** The object at {@code path}, fetched now, stamped {@code now}. */
  CachedObject fetch(RequestPath path, long now) throws ClientError {
    URI uri = path.at(settings.origin());
    TcpConnection connection = connect(uri);
    AtomicBoolean late = new AtomicBoolean();
    ScheduledFuture<?> deadline = deadlines.schedule(() -> {
      late.set(true);
      closeQuietly(connection);
    }, settings.originTimeout().toMillis(), TimeUnit.MILLISECONDS);
    try (connection) {
      connection.output().write(request(uri));
      connection.output().flush();
      return OriginResponse.read(connection.input(), settings.maxObjectBytes(), now);
    } catch (IOException e) {
      if (late.get() || e instanceof SocketTimeoutException) {
        throw new ClientError(504, "the origin did not answer in time");
      }
      throw new ClientError(502, "the origin's answer failed: " + e.getMessage());
    } finally {
      deadline.cancel(false);
    }
  }

  private TcpConnection connect(URI uri) throws ClientError {
    InetSocketAddress to;
    try {
      // getByName parses a literal without asking a resolver, and a name never reaches it (checked first).
      if (!uri.getHost().matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
        throw new IOException("its host must be an IPv4 address (a module on a node has no resolver)");
      }
      to = new InetSocketAddress(InetAddress.getByName(uri.getHost()), uri.getPort() < 0 ? 80 : uri.getPort());
      return context.connectTcp(to, settings.originTimeout());
    } catch (SocketTimeoutException e) {
      throw new ClientError(504, "the origin did not answer in time");
    } catch (IOException e) {
      throw new ClientError(502, "cannot connect to the origin: " + e.getMessage());
    }
  }

  private static byte[] request(URI uri) {
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    String host = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    return ("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: NetServ-ActiveCDN\r\n"
        + "Accept-Encoding: identity\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static void closeQuietly(TcpConnection connection) {
    try {
      connection.close();
    } catch (IOException e) {
      // closing to end a late fetch: nothing more to do
    }
  }

  @Override
  public void close() {
    deadlines.shutdownNow();
  }
}
