package org.netservof.node.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.netservof.node.container.MessageLines;
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

  private ContainerProcess(String user, Process process) {
    this.user = user;
    this.process = process;
    this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  /**
   * Starts a container.
   *
   * @param onEvent told of what the container says on its own (a module unloaded, a hang)
   */
  static ContainerProcess start(List<String> javaCommand, String interfaceName, int vlan, String user, Path work,
      Consumer<ContainerMessage> onEvent) throws IOException {
    List<String> command = new ArrayList<>(javaCommand);
    // Temporary files (JNA's native library among them) in the container's own directory, which its user owns.
    command.addAll(List.of("-Djava.io.tmpdir=" + work, "-Djna.tmpdir=" + work.resolve("jna")));
    command.addAll(List.of("org.netservof.node.container.ContainerMain", "--interface", interfaceName,
        "--vlan", String.valueOf(vlan), "--user", user, "--work", work.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(ContainerJvm.environment());
    Process p = builder.start();
    ContainerProcess c = new ContainerProcess(user, p);
    Thread reader = new Thread(() -> c.read(onEvent), "container " + user + " stdout");
    reader.setDaemon(true);
    reader.start();
    return c;
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

  long pid() {
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
