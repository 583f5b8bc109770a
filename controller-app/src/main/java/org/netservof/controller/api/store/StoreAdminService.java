package org.netservof.controller.api.store;

import java.io.IOException;
import java.nio.file.Path;

/** Operations on the store as a whole, for operators. */
public interface StoreAdminService {

  /**
   * Writes a consistent copy of the durable store to {@code target} while the controller runs: the copy holds
   * every change acknowledged before the call and none made during it (writes wait for the copy). Restore it
   * by stopping the controller and putting the copy in place of the store's file.
   *
   * @param target a file that does not exist yet; its directory is created
   * @throws IOException when the copy cannot be written, or the store keeps nothing on disk (memory)
   */
  void backup(Path target) throws IOException;
}
