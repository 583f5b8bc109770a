package org.netservof.rest.server;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every write the API was asked for: who, what, when, and how it ended, refused ones included. Kept in
 * memory (the newest {@link #CAPACITY}) for {@code GET /netserv/v1/audit}, and written to the log under
 * {@code netservof.audit}, where a log configuration can send it to a file of its own.
 */
public final class AuditLog {
  static final int CAPACITY = 10_000;
  private static final Logger log = LoggerFactory.getLogger("netservof.audit");

  /**
   * One write.
   *
   * @param operator the token's operator, or "-" when the request had no valid token
   * @param status the HTTP status it ended with
   * @param detail the error's detail when it failed, empty when it succeeded
   */
  public record Entry(long sequence, Instant at, String operator, String method, String path, int status,
      String detail) {}

  private final Deque<Entry> entries = new ArrayDeque<>();
  private long sequence;

  public synchronized Entry record(Instant at, String operator, String method, String path, int status,
      String detail) {
    Entry e = new Entry(++sequence, at, operator, method, path, status, detail);
    entries.addLast(e);
    if (entries.size() > CAPACITY) {
      entries.removeFirst();
    }
    log.info("{} {} {} -> {}{}", operator, method, path, status, detail.isEmpty() ? "" : " (" + detail + ")");
    return e;
  }

  /** The newest {@code limit} entries after {@code since} (a sequence number), oldest first. */
  public synchronized List<Entry> entries(long since, int limit) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.sequence() > since) {
        out.add(e);
      }
    }
    return out.size() <= limit ? out : List.copyOf(out.subList(out.size() - limit, out.size()));
  }
}
