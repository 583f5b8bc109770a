package org.netservof.cli;

/**
 * Why {@code netserv ctl} stops before success: the message for stderr and the exit code a script can test.
 * Thrown, not printed, so that each command stays a straight line and {@link CtlMain} prints in one place.
 */
final class CtlException extends RuntimeException {
  /** The API answered with an error, or with something that is not what the command expected. */
  static final int API_ERROR = 1;
  /** The command line (or the environment standing in for it) was wrong: nothing was sent. */
  static final int USAGE = 2;
  /** Nothing answered at the API's address. */
  static final int UNREACHABLE = 3;

  private final int exitCode;

  CtlException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  CtlException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
