package org.netservof.controller.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs commands for tests, with a time limit, and fails loudly with their output when they fail. */
public final class Processes {
  private Processes() {}

  /** The result of a finished command. */
  public record Result(int exitCode, String stdout, String stderr) {}

  /** Runs a command and returns its output; throws if it exits non-zero or overruns. */
  public static String run(String... command) {
    Result r = runAllowingFailure(Duration.ofSeconds(60), command);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + r.exitCode() + ": " + r.stderr().strip()
          + " " + r.stdout().strip());
    }
    return r.stdout();
  }

  public static Result runAllowingFailure(Duration limit, String... command) {
    return runAllowingFailure(limit, List.of(command), null);
  }

  /** Runs a command; the caller decides what a non-zero exit means. */
  public static Result runAllowingFailure(Duration limit, List<String> command, java.util.Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (env != null) {
      builder.environment().putAll(env);
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> out = read(process.getInputStream());
    CompletableFuture<String> err = read(process.getErrorStream());
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        throw new IllegalStateException(command + " did not finish within " + limit + "; output so far: "
            + out.getNow("") + err.getNow(""));
      }
      return new Result(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("running " + command + " failed: " + e.getMessage(), e);
    }
  }

  private static CompletableFuture<String> read(java.io.InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }
}
