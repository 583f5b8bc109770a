package org.netservof.node.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's side of the listen channel against a hostile container: whatever descriptors a container
 * attaches to its requests, the agent keeps none of them (kept, they would exhaust the agent's descriptors
 * and keep the ports they are bound to).
 */
class ListenChannelTest {
  private final int[] pair = pair();
  private final AtomicInteger asked = new AtomicInteger();
  private final Thread agent = new Thread(this::serve, "test agent");

  private static int[] pair() {
    try {
      return FdPassing.socketPair();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void serve() {
    try {
      new ListenChannel(pair[0]).serve((protocol, port) -> {
        asked.incrementAndGet();
        throw new SecurityException("refused " + protocol + ":" + port);
      });
    } catch (IOException e) {
      // the test closed its end
    }
  }

  @AfterEach
  void close() throws InterruptedException {
    FdPassing.close(pair[1]);
    agent.join(10_000);
    FdPassing.close(pair[0]);
  }

  @Test
  void descriptorsAContainerAttachesToItsRequestsAreNotKeptByTheAgent() throws Exception {
    agent.setDaemon(true);
    agent.start();
    int[] spare = FdPassing.socketPair(); // what the container hands over: two descriptors a message
    byte[] answer = new byte[256];
    int[] none = {-1};
    for (int i = 0; i < 3; i++) { // settle: the agent's thread and JNA open what they need once
      sendWithTwo(pair[1], ("udp " + (1000 + i) + "\n").getBytes(StandardCharsets.UTF_8), spare);
      FdPassing.receive(pair[1], answer, none);
    }
    long before = openDescriptors();
    for (int i = 0; i < 50; i++) {
      sendWithTwo(pair[1], ("udp " + (2000 + i) + "\n").getBytes(StandardCharsets.UTF_8), spare);
      assertThat(FdPassing.receive(pair[1], answer, none)).isPositive();
      assertThat(new String(answer, 0, 7, StandardCharsets.UTF_8)).isEqualTo("refused");
    }
    assertThat(asked.get()).isEqualTo(53);
    assertThat(openDescriptors()).as("the process's descriptors after 50 requests that carried 100")
        .isLessThan(before + 5);
    FdPassing.close(spare[0]);
    FdPassing.close(spare[1]);
  }

  private static long openDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  /** sendmsg of {@code data} with one SCM_RIGHTS message carrying both of {@code fds} (x86-64 layout). */
  private static void sendWithTwo(int fd, byte[] data, int[] fds) {
    Memory bytes = new Memory(data.length);
    bytes.write(0, data, 0, data.length);
    Memory iov = new Memory(16);
    iov.setPointer(0, bytes);
    iov.setLong(8, data.length);
    Memory control = new Memory(24);
    control.clear();
    control.setLong(0, 24); // cmsg_len = CMSG_LEN(2 * sizeof(int))
    control.setInt(8, LibC.SOL_SOCKET);
    control.setInt(12, LibC.SCM_RIGHTS);
    control.setInt(16, fds[0]);
    control.setInt(20, fds[1]);
    Memory header = new Memory(56);
    header.clear();
    header.setPointer(16, iov);
    header.setLong(24, 1);
    header.setPointer(32, control);
    header.setLong(40, 24);
    LibC.sendmsg(fd, header, 0);
    java.lang.ref.Reference.reachabilityFence(bytes);
    java.lang.ref.Reference.reachabilityFence(iov);
    java.lang.ref.Reference.reachabilityFence(control);
  }
}
