package org.netservof.controller.module;

/** The modules cannot be loaded, started or wired together; the message names the module and the reason. */
public final class ModuleException extends Exception {
  public ModuleException(String message) {
    super(message);
  }

  public ModuleException(String message, Throwable cause) {
    super(message, cause);
  }
}
