package org.netservof.node.agent;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.netservof.protocol.Names;

/**
 * The directories of a node's containers, laid out so that each user reaches only their own and nothing a
 * user controls is ever followed by the root agent:
 * <pre>
 * WORK/                      root 0711  (the agent's; cache/ under it is root 0700)
 * WORK/containers/           root 0711
 * WORK/containers/USER/      root:USER 0750, made afresh for each launch
 *   pid                      root 0644  the container JVM's pid, as the host sees it
 *   modules/SHA256.jar       root:USER 0440  read-only copies of the user's verified JARs
 *   home/                    USER 0700  the container's private directory (its java.io.tmpdir)
 * </pre>
 * The agent never follows a link here: what it removes it walks without following links, what it creates it
 * creates new (failing on anything already there), and ownership is set on the entry itself.
 */
final class ContainerDirs {
  private final Path work;

  ContainerDirs(Path work) {
    this.work = work;
  }

  /**
   * Closes the work directory and the module cache to other users. A work directory that is a link, or that
   * someone else owns (made ahead of the agent under /tmp, say), is refused rather than used.
   */
  void prepare() throws IOException {
    Files.createDirectories(work);
    Object owner = Files.getAttribute(work, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    Object me = Files.getAttribute(Path.of("/proc/self"), "unix:uid"); // the directory of this process, its uid
    if (Files.isSymbolicLink(work) || !owner.equals(me)) {
      throw new IOException("the work directory " + work + " is a link or belongs to uid " + owner
          + ", not to this agent (uid " + me + "); refusing to use it");
    }
    setMode(work, "rwx--x--x");
    Path cache = work.resolve("cache");
    Files.createDirectories(cache);
    setMode(cache, "rwx------");
    Path containers = work.resolve("containers");
    Files.createDirectories(containers);
    setMode(containers, "rwx--x--x");
  }

  /** The user's container directory, removed and made anew; its home handed to the user (uid == gid). */
  Path fresh(String user, int uid, boolean confined) throws IOException {
    Path dir = dir(user);
    remove(user);
    Files.createDirectory(dir);
    Files.createDirectory(dir.resolve("modules"));
    Files.createDirectory(dir.resolve("home"));
    if (confined) {
      own(dir, 0, uid, "rwxr-x---");
      own(dir.resolve("modules"), 0, uid, "rwxr-x---");
      own(dir.resolve("home"), uid, uid, "rwx------");
    }
    return dir;
  }

  Path dir(String user) {
    if (!Names.isName(user)) { // the controller checks names too; a path is built from this one
      throw new IllegalArgumentException("not a user name (" + Names.NAME_RULE + "): '" + user + "'");
    }
    return work.resolve("containers").resolve(user);
  }

  Path home(String user) {
    return dir(user).resolve("home");
  }

  /** A read-only copy of a verified JAR that only the user (and root) can read; the copy's path. */
  Path copyModule(String user, int uid, boolean confined, String sha256, byte[] bytes) throws IOException {
    Path copy = dir(user).resolve("modules").resolve(sha256 + ".jar");
    if (!Files.exists(copy, LinkOption.NOFOLLOW_LINKS)) {
      Files.write(copy, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      if (confined) {
        own(copy, 0, uid, "r--r-----");
      }
    }
    return copy;
  }

  /** Writes the container's pid for people and tests (a new file: nothing there is followed). */
  void writePid(String user, long pid) throws IOException {
    Path file = dir(user).resolve("pid");
    Files.deleteIfExists(file);
    Files.writeString(file, pid + "\n", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
  }

  /** Removes the user's container directory without following any link in it. */
  void remove(String user) throws IOException {
    removeTree(dir(user));
  }

  /** Removes a directory and what it holds without following any link in it; nothing when it is not there. */
  static void removeTree(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void own(Path p, int uid, int gid, String mode) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    view.setPermissions(PosixFilePermissions.fromString(mode));
  }

  private static void setMode(Path p, String mode) throws IOException {
    Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(mode);
    Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(permissions);
  }
}
