package org.netservof.node.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A uid (and a gid of the same number) of its own for each user's containers, so that no user's container can
 * signal, trace or read another's. Uids are handed out from a range no account uses (by default 200000 and up,
 * skipping any /etc/passwd names) and remembered in a file, one {@code user uid} line each, that every agent on
 * the machine shares under a file lock: a user keeps the same uid across restarts and across the nodes of one
 * machine, and no two users ever share one.
 */
final class ContainerUids {
  /** The first uid handed out, and how many there are. */
  static final int FIRST = 200_000;
  static final int COUNT = 100_000;

  private final Path file;
  private final Path passwd;

  /**
   * @param file where allocations are remembered (created root-only)
   * @param passwd the account database whose uids are never handed out
   */
  ContainerUids(Path file, Path passwd) {
    this.file = file;
    this.passwd = passwd;
  }

  /** The user's uid: the one remembered, or the lowest free one, remembered from now on. */
  int uidOf(String user) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        var lock = channel.lock()) {
      Map<String, Integer> known = read(channel);
      Integer uid = known.get(user);
      if (uid != null) {
        return uid;
      }
      Set<Integer> taken = new HashSet<>(known.values());
      taken.addAll(accountUids());
      for (int candidate = FIRST; candidate < FIRST + COUNT; candidate++) {
        if (!taken.contains(candidate)) {
          channel.write(ByteBuffer.wrap((user + " " + candidate + "\n").getBytes(StandardCharsets.UTF_8)),
              channel.size());
          return candidate;
        }
      }
      throw new IOException("no container uid left in " + FIRST + ".." + (FIRST + COUNT - 1) + " (see " + file + ")");
    }
  }

  private static Map<String, Integer> read(FileChannel channel) throws IOException {
    ByteBuffer all = ByteBuffer.allocate((int) channel.size());
    channel.read(all, 0);
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String line : new String(all.array(), StandardCharsets.UTF_8).split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length == 2) {
        out.put(f[0], Integer.parseInt(f[1]));
      }
    }
    return out;
  }

  private Set<Integer> accountUids() throws IOException {
    Set<Integer> out = new HashSet<>();
    if (Files.exists(passwd)) {
      for (String line : Files.readAllLines(passwd)) {
        String[] f = line.split(":");
        if (f.length > 3) {
          out.add(Integer.parseInt(f[2]));
          out.add(Integer.parseInt(f[3]));
        }
      }
    }
    return out;
  }
}
