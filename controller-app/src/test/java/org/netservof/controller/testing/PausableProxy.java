package org.netservof.controller.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on loopback that a test can pause: while paused, bytes either way are held (the
 * connections stay open, nothing is refused), as a network partition that drops nothing but delivers nothing
 * looks to both ends. Threads and sockets are this object's; {@link #close} ends them.
 */
public final class PausableProxy implements AutoCloseable {
  private final ServerSocket server;
  private final URI target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean paused;
  private volatile boolean closed;

  public PausableProxy(URI target) {
    this.target = target;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::accept, "proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** The proxy's URL, with the target's scheme. */
  public URI url() {
    return URI.create(target.getScheme() + "://127.0.0.1:" + server.getLocalPort());
  }

  public void pause() {
    paused = true;
  }

  public synchronized void resume() {
    paused = false;
    notifyAll();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket in = server.accept();
        Socket out = new Socket(target.getHost(), target.getPort());
        sockets.add(in);
        sockets.add(out);
        pump(in, out);
        pump(out, in);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16384];
      try (InputStream input = from.getInputStream(); OutputStream output = to.getOutputStream()) {
        for (int n = input.read(buffer); n >= 0; n = input.read(buffer)) {
          awaitResumed();
          output.write(buffer, 0, n);
          output.flush();
        }
      } catch (IOException | InterruptedException e) {
        // one side closed: the other follows
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private synchronized void awaitResumed() throws InterruptedException {
    while (paused && !closed) {
      wait(100);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    resume();
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    sockets.forEach(PausableProxy::closeQuietly);
  }
}
