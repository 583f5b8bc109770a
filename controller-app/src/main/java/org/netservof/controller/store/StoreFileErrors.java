package org.netservof.controller.store;

import java.nio.file.Path;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/** What the operator reads when the store file cannot be opened or written, and what to do about it. */
final class StoreFileErrors {
  private StoreFileErrors() {}

  static String atOpen(Path file, RuntimeException e) {
    int code = e instanceof MVStoreException mv ? mv.getErrorCode() : -1;
    return switch (code) {
      case DataUtils.ERROR_FILE_LOCKED -> "the intent store " + file + " is in use by another controller (its "
          + "file is locked): two controllers must not share a store; stop the other one or give this one its "
          + "own store-path";
      case DataUtils.ERROR_UNSUPPORTED_FORMAT -> "the intent store " + file + " was written by a newer "
          + "version of its store library: run the controller that wrote it, or restore a backup made by this "
          + "version (" + e.getMessage() + ")";
      case DataUtils.ERROR_READING_FAILED, DataUtils.ERROR_WRITING_FAILED -> "the intent store " + file
          + " cannot be read or written: " + e.getMessage() + "; check the disk and the path's permissions";
      default -> corrupt(file, "is corrupt (" + e.getMessage() + ")");
    };
  }

  static String rolledBack(Path file, long headerVersion, long found) {
    return corrupt(file, "ends before its last commit (truncated or partly overwritten: its header names "
        + "version " + headerVersion + ", the file holds versions up to " + found + ")");
  }

  private static String corrupt(Path file, String what) {
    return "the intent store " + file + " " + what + "; the controller does not start on it rather than lose "
        + "what it holds: stop the controller, restore the file from a backup (or move it away to start "
        + "empty), and start again";
  }

  static String newer(Path file, int found, int known) {
    return "the intent store " + file + " was written by a newer NetServ-OF (store format " + found
        + "; this controller reads up to " + known + "): run that version, or restore a backup made by this one";
  }

  static String atWrite(Path file, String store, RuntimeException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return "the intent store " + file + " could not be written (" + cause.getMessage() + "), so the change "
        + "to '" + store + "' was not made: free disk space or make the path writable, then restart the "
        + "controller";
  }
}
