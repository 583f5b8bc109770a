package org.netservof.node.agent;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Native;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.netservof.node.container.ContainerMain;
import org.netservof.protocol.node.Json;

/**
 * How a container JVM is started: small and quick to start rather than tuned for peak speed, because a
 * node runs one per user. A heap that starts at 4 MB with a 2 MB young generation, the client compiler
 * only (the server compiler's memory costs more than its gain here), one compiler thread, a small code
 * cache, no performance-data file, JVM warnings on stderr (stdout carries the protocol), one malloc arena,
 * only the JARs a container needs ({@link #classPath()}: not Logback, a container logs with the JDK's logger),
 * and no attach listener (no tool, and no module through one, can load an agent into a container's JVM).
 * Measured on the
 * NetMonitor benchmark: 67 MB resident with Logback loaded, 63 MB without; 1.13 Mpps with the server
 * compiler against 0.97-1.05 Mpps with the client compiler alone, for 14 MB less.
 */
public final class ContainerJvm {
  /** A class from each JAR a container needs: see {@link #classPath()}. */
  private static final List<Class<?>> CONTAINER_CLASSES = List.of(ContainerMain.class, Json.class,
      ObjectMapper.class, JsonFactory.class, JsonAutoDetect.class, Native.class);

  private ContainerJvm() {}

  /** {@code java}, its options and class path; the main class and its arguments come after. */
  public static List<String> command(String heap, String extraOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xms4m", "-Xmx" + heap, "-Xmn2m", "-Xss256k", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=16m",
        "-XX:MaxMetaspaceSize=32m", "-XX:-UsePerfData", "-Xshare:auto", "-XX:+DisableAttachMechanism",
        "-Xlog:disable", "-Xlog:all=warning:stderr",
        "-Djava.util.logging.SimpleFormatter.format=%1$tT.%1$tL %4$s [container] %5$s%6$s%n"));
    if (extraOptions != null && !extraOptions.isBlank()) {
      command.addAll(Arrays.asList(extraOptions.trim().split("\\s+")));
    }
    command.addAll(List.of("-cp", classPath()));
    return command;
  }

  /** The environment a container JVM gets on top of the agent's. */
  public static Map<String, String> environment() {
    return Map.of("MALLOC_ARENA_MAX", "1");
  }

  /**
   * The container's class path: only the JARs (or class directories) of this JVM that hold what a container
   * runs: its own code, the channel protocol, Jackson and JNA. Not the agent's whole class path (which,
   * started from the project's lib directory, is every JAR of the controller too): each JAR a class lookup passes
   * is opened and its directory read, and a class data sharing archive lists the class path it was made for.
   * Measured: 62 MB resident with the whole lib directory, 56 MB with these, and a start 100-300 ms shorter.
   */
  static String classPath() {
    return CONTAINER_CLASSES.stream().map(ContainerJvm::location).distinct()
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Where a class was loaded from: its JAR, or its class directory. */
  static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from: " + e, e);
    }
  }
}
