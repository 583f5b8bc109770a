package org.netservof.bridge.signaling;

import java.util.Locale;

/** How a signaling request ended, as {@code netserv_signaling_requests_total} labels it. */
enum SignalOutcome {
  /** Done (200). */
  OK,
  /** Refused for another reason than those below (4xx: unknown service, too many requests, busy...). */
  REFUSED,
  /** Not its user's: no or unknown user, or a signature that does not verify with the user's key (401). */
  FORGED,
  /** Seen before: a nonce used already, or a timestamp outside the window (401). */
  REPLAYED,
  /** Outside the user's grant: a filter it may not filter, more services than it may have (403). */
  OUT_OF_GRANT,
  /** Unreadable, or missing what it needs (400). */
  MALFORMED,
  /** This domain failed (5xx). */
  ERROR;

  /** The outcome a status code stands for when nothing more is known. */
  static SignalOutcome ofCode(int code) {
    if (code < 300) {
      return OK;
    }
    if (code == 400) {
      return MALFORMED;
    }
    return code >= 500 ? ERROR : REFUSED;
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
