package org.netservof.node.container;

/** A module cannot be loaded; the message says why (digest, manifest, class). Nothing was loaded. */
public final class ModuleLoadException extends Exception {
  public ModuleLoadException(String message) {
    super(message);
  }

  public ModuleLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
