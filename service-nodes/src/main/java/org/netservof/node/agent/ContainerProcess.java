package org.netservof.node.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.netservof.node.container.MessageLines;
import org.netservof.node.io.FdPassing;
import org.netservof.protocol.node.ContainerMessage;
import org.netservof.protocol.node.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running container JVM: its commands go to its stdin, its answers and events come on its stdout
 * (answers in the order the commands went), its log on stderr into the agent's log.
 */
final class ContainerProcess {
  private static final Logger log = LoggerFactory.getLogger(ContainerProcess.class);
  private final String user;
  private final Process process;
  private final Writer stdin;
  private final ConcurrentLinkedQueue<CompletableFuture<ContainerMessage>> waiting = new ConcurrentLinkedQueue<>();

  /** Guards this process's descriptor 0 while a container starts (it is the process's, not an object's). */
  private static final Object STDIN = new Object();

  private ContainerProcess(String user, Process process, OutputStream commands) {
    this.user = user;
    this.process = process;
    this.stdin = new java.io.OutputStreamWriter(commands, StandardCharsets.UTF_8);
  }

  /**
   * Starts a container and hands it its packet socket.
   *
   * @param command the whole command line (sandbox, JVM, container options)
   * @param packetSocket passed to the container over its standard input before any command
   * @param listenChannel the container's end of its listen channel ({@link ServerSockets}), passed after
   *     the packet socket
   * @param onEvent told of what the container says on its own (a module unloaded, a hang)
   */
  static ContainerProcess start(List<String> command, int packetSocket, int listenChannel, String user,
      Consumer<ContainerMessage> onEvent) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(ContainerJvm.environment());
    int[] pair = FdPassing.socketPair();
    Process p;
    try {
      p = startWithStdin(builder, pair[1]);
      FdPassing.send(pair[0], packetSocket);
      FdPassing.send(pair[0], listenChannel);
    } catch (IOException | RuntimeException e) {
      FdPassing.close(pair[0]);
      throw e;
    } finally {
      FdPassing.close(pair[1]);
    }
    ContainerProcess c = new ContainerProcess(user, p, FdPassing.output(pair[0]));
    Thread reader = new Thread(() -> c.read(onEvent), "container " + user + " stdout");
    reader.setDaemon(true);
    reader.start();
    return c;
  }

  /**
   * Starts the process with {@code fd} as its standard input. Java hands a child only descriptors 0-2, and only
   * its own (inherited), so the agent's descriptor 0 is swapped for the moment of the start; one start at a time.
   */
  private static Process startWithStdin(ProcessBuilder builder, int fd) throws IOException {
    synchronized (STDIN) {
      int saved = FdPassing.duplicate(0);
      FdPassing.duplicate(fd, 0);
      try {
        return builder.start();
      } finally {
        FdPassing.duplicate(saved, 0);
        FdPassing.close(saved);
      }
    }
  }

  /** Sends a command; completes with the container's answer. */
  synchronized CompletableFuture<ContainerMessage> ask(ContainerMessage command) {
    CompletableFuture<ContainerMessage> answer = new CompletableFuture<>();
    waiting.add(answer);
    try {
      stdin.write(Json.line(command) + "\n");
      stdin.flush();
    } catch (IOException e) {
      waiting.remove(answer);
      answer.completeExceptionally(new IOException("container of " + user + " is gone: " + e.getMessage()));
    }
    return answer;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * The container JVM's pid as this host sees it: below unshare (the process started) when confined, which
   * forks it into the new PID namespace.
   */
  long pid() {
    return process.pid();
  }

  long containerPid() {
    for (int i = 0; i < 100 && process.isAlive(); i++) {
      var child = process.toHandle().children().findFirst();
      if (child.isPresent()) {
        return child.get().pid();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return process.pid();
  }

  CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** Closes stdin (the container exits when it ends) and kills it if it does not. */
  void stop() {
    try {
      stdin.close();
    } catch (IOException e) {
      // already closed
    }
    try {
      if (!process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private void read(Consumer<ContainerMessage> onEvent) {
    try (InputStream out = process.getInputStream()) {
      MessageLines.readAll(out, m -> {
        if (m instanceof ContainerMessage.Done || m instanceof ContainerMessage.Stats) {
          CompletableFuture<ContainerMessage> next = waiting.poll();
          if (next != null) {
            next.complete(m);
          }
        } else {
          onEvent.accept(m);
        }
      }, line -> log.warn("container of {} said something that is not a message: {}", user, line));
    } catch (IOException e) {
      // the container went away; onExit tells the supervisor
    }
    IOException gone = new IOException("container of " + user + " exited");
    CompletableFuture<ContainerMessage> f;
    while ((f = waiting.poll()) != null) {
      f.completeExceptionally(gone);
    }
  }
}
