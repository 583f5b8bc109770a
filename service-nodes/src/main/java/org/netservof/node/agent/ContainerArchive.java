package org.netservof.node.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.netservof.node.container.ContainerTraining;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class data sharing archive (AppCDS) container JVMs start from: the classes a container loads, parsed,
 * verified and laid out once, then mapped read-only by every container instead of each reading them from its
 * JARs again (measured: a container answers its first command in about 350 ms instead of 550). The agent makes it
 * itself, in the background, by running {@link ContainerTraining} in a container JVM under
 * {@code -XX:ArchiveClassesAtExit}; containers started before it is ready start without it. A container never
 * writes it: every user's container maps it. Its name holds a digest of the JVM command and of each class path
 * file's size and time, so agents of the same build share one and an archive of other JARs is never offered
 * (the JVM would refuse it anyway). Archives unused for a day are removed.
 */
final class ContainerArchive {
  private static final Logger log = LoggerFactory.getLogger(ContainerArchive.class);
  private static final Duration TRAINING_LIMIT = Duration.ofSeconds(60);
  private static final Duration UNUSED = Duration.ofDays(1);
  private static final Path NICE = Path.of("/usr/bin/nice");

  private final Path dir;
  private final List<String> javaCommand;
  private final Path file;

  /**
   * @param dir where archives are kept (made root-only writable; shared by the machine's agents)
   * @param javaCommand the container JVM's command up to its main class (see {@link ContainerJvm#command})
   */
  ContainerArchive(Path dir, List<String> javaCommand) {
    this.dir = dir;
    this.javaCommand = List.copyOf(javaCommand);
    this.file = dir.resolve("container-" + key(javaCommand) + ".jsa");
  }

  /** The options that start a container JVM from the archive: none until it is built. */
  List<String> options() {
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? List.of("-XX:SharedArchiveFile=" + file)
        : List.of();
  }

  /** Builds the archive unless it is there; completes with whether it is there now (never exceptionally). */
  CompletableFuture<Boolean> build() {
    if (!options().isEmpty()) {
      touch();
      return CompletableFuture.completedFuture(true);
    }
    CompletableFuture<Boolean> built = new CompletableFuture<>();
    Thread t = new Thread(() -> built.complete(train()), "container class archive");
    t.setDaemon(true);
    t.start();
    return built;
  }

  private boolean train() {
    long began = System.nanoTime();
    Path home = null;
    Path tmp = dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      prepareDirectory();
      home = Files.createTempDirectory(dir, "training-");
      String output = run(trainingCommand(tmp, home));
      if (!Files.isRegularFile(tmp, LinkOption.NOFOLLOW_LINKS) || Files.size(tmp) == 0) {
        throw new IOException("the training JVM wrote no archive: " + output);
      }
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--r--r--"));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      log.info("container class archive {} built in {} ms ({} MB): containers start from it", file,
          (System.nanoTime() - began) / 1_000_000, Files.size(file) >> 20);
      removeUnused();
      return true;
    } catch (IOException e) {
      log.info("containers start without a class archive: {}", e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      removeQuietly(home);
      deleteQuietly(tmp);
    }
  }

  /**
   * The training JVM's command: a container JVM (the same options and class path), at the lowest CPU priority so
   * that a container starting meanwhile (the node's first, say) is not slowed by it.
   */
  List<String> trainingCommand(Path archive, Path home) {
    List<String> command = new ArrayList<>(Files.isExecutable(NICE) ? List.of(NICE.toString(), "-n", "19")
        : List.of());
    command.addAll(javaCommand);
    command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Djava.io.tmpdir=" + home,
        "-Djna.tmpdir=" + home.resolve("jna"), ContainerTraining.class.getName()));
    return command;
  }

  /** Runs the training JVM; its output (for the log, when it fails). */
  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
    if (!p.waitFor(TRAINING_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("the training JVM did not finish in " + TRAINING_LIMIT.toSeconds() + " s");
    }
    String out = output.join().strip();
    if (p.exitValue() != 0) {
      throw new IOException("the training JVM exited " + p.exitValue() + ": " + out);
    }
    return out;
  }

  /**
   * Makes the directory, or checks it: this agent's own, not a link, writable by nobody else, and reachable by
   * the containers' users.
   */
  private void prepareDirectory() throws IOException {
    Files.createDirectories(dir);
    Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    Object me = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    if (Files.isSymbolicLink(dir) || !owner.equals(me)) {
      throw new IOException("the class archive directory " + dir + " is a link or belongs to uid " + owner
          + ", not to this agent (uid " + me + ")");
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    for (Path up = dir.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
      if (!Files.getPosixFilePermissions(up).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        // A container runs as its user's own uid: the JVM would quietly start without an archive it cannot open.
        throw new IOException("containers could not open an archive in " + dir + ": " + up
            + " is closed to other users");
      }
    }
  }

  /** Marks the archive used now, so that no agent removes it as unused. */
  private void touch() {
    try {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } catch (IOException e) {
      log.debug("could not mark {} used: {}", file, e.getMessage());
    }
  }

  private void removeUnused() throws IOException {
    Instant before = Instant.now().minus(UNUSED);
    try (DirectoryStream<Path> archives = Files.newDirectoryStream(dir, "container-*.jsa")) {
      for (Path a : archives) {
        if (!a.equals(file) && Files.getLastModifiedTime(a, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)) {
          deleteQuietly(a);
        }
      }
    }
  }

  private static void removeQuietly(Path tree) {
    try {
      ContainerDirs.removeTree(tree);
    } catch (IOException e) {
      log.debug("could not remove {}: {}", tree, e.getMessage());
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.debug("could not remove {}: {}", p, e.getMessage());
    }
  }

  /** A digest of the command and of the size and time of each class path file: what the archive was made for. */
  static String key(List<String> javaCommand) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(String.join("\0", javaCommand).getBytes(StandardCharsets.UTF_8));
      int cp = javaCommand.indexOf("-cp");
      if (cp >= 0 && cp + 1 < javaCommand.size()) {
        for (String entry : javaCommand.get(cp + 1).split(java.io.File.pathSeparator)) {
          Path p = Path.of(entry);
          long size = Files.isRegularFile(p) ? Files.size(p) : -1;
          long time = Files.exists(p) ? Files.getLastModifiedTime(p).toMillis() : -1;
          sha.update(("\0" + size + "\0" + time).getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot name the class archive: " + e.getMessage(), e);
    }
  }
}
