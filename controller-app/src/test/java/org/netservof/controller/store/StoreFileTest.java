package org.netservof.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store file that cannot be trusted is refused at start, naming the file and what to do. */
class StoreFileTest {
  @TempDir
  Path dir;

  private Path written(int entries) throws IOException {
    Path file = dir.resolve("intent.mv.db");
    try (StoreFile store = StoreFile.open(file, false)) {
      for (int i = 1; i <= entries; i++) {
        store.write("services", Map.of("\"k" + i + "\"", Optional.of("{\"value\":\"" + "x".repeat(200)
            + "\",\"revision\":" + i + "}")), i);
      }
    }
    return file;
  }

  @Test
  void aFileOfANewerFormatIsRefused() throws IOException {
    Path file = written(1);
    try (MVStore mv = MVStore.open(file.toString())) {
      mv.openMap(StoreFile.META).put("format", Integer.toString(StoreFile.FORMAT + 1));
      mv.commit();
    }
    assertThatThrownBy(() -> StoreFile.open(file, false)).isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("written by a newer NetServ-OF (store format 2; this controller reads up to 1)");
    assertThat(Files.size(file)).as("left as it was").isPositive();
  }

  @Test
  void aTruncatedFileIsRefusedNotSilentlyEmptied() throws IOException {
    Path file = written(500);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() / 2);
    }
    assertThatThrownBy(() -> StoreFile.open(file, false)).isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("restore the file from a backup")
        .hasMessageContaining("ends before its last commit");
  }

  @Test
  void aFileOfGarbageIsRefused() throws IOException {
    Path file = dir.resolve("intent.mv.db");
    Files.write(file, "this is not a store".repeat(500).getBytes());
    assertThatThrownBy(() -> StoreFile.open(file, false)).isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("corrupt");
  }

  @Test
  void aDirectoryThatCannotBeCreatedIsNamed() throws IOException {
    Path blocker = Files.writeString(dir.resolve("a-file"), "x");
    assertThatThrownBy(() -> StoreFile.open(blocker.resolve("intent.mv.db"), false))
        .isInstanceOf(IOException.class).hasMessageContaining("cannot create the store directory " + blocker);
  }
}
