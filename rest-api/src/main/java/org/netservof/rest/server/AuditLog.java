package org.netservof.rest.server;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreUnavailableException;
import org.netservof.controller.api.store.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every write the API was asked for: who, what, when, and how it ended, refused ones included; and what the
 * controller did on its own that an operator should see (a repair after a restart, say). The newest
 * {@code capacity} entries live in the store "audit" (key: the sequence number), so they and the numbering
 * outlive a restart, for {@code GET /netserv/v1/audit}; each is also written to the log under
 * {@code netservof.audit}, where a log configuration can send it to a file of its own.
 */
public final class AuditLog {
  /** The store's name. */
  public static final String STORE = "audit";
  static final int CAPACITY = 10_000;
  private static final Logger log = LoggerFactory.getLogger("netservof.audit");

  /**
   * One write, or one event.
   *
   * @param operator the token's operator, "-" when the request had no valid token, or who acted on their own
   *     ("controller")
   * @param method the HTTP method; for an event, its type ("reconcile")
   * @param path the request's path; for an event, what it concerns
   * @param status the HTTP status it ended with; 0 for an event, which was no HTTP request
   * @param detail the error's detail when it failed, empty when it succeeded; for an event, what happened
   */
  public record Entry(long sequence, Instant at, String operator, String method, String path, int status,
      String detail) {}

  private final IntentStore<Long, Entry> store;
  private final int capacity;
  private final Deque<Entry> entries = new ArrayDeque<>();
  private long sequence;

  /** The log kept in {@code store}, the newest {@value #CAPACITY} entries. */
  public AuditLog(IntentStore<Long, Entry> store) {
    this(store, CAPACITY);
  }

  AuditLog(IntentStore<Long, Entry> store, int capacity) {
    this.store = store;
    this.capacity = capacity;
    store.all().values().stream().map(Versioned::value).sorted(Comparator.comparingLong(Entry::sequence))
        .forEach(entries::addLast);
    sequence = entries.isEmpty() ? 0 : entries.getLast().sequence();
    trim();
  }

  public Entry record(Instant at, String operator, String method, String path, int status, String detail) {
    log.info("{} {} {} -> {}{}", operator, method, path, status, detail.isEmpty() ? "" : " (" + detail + ")");
    return add(at, operator, method, path, status, detail);
  }

  /**
   * Records something the controller did that was not an API call, such as a repair after a restart.
   *
   * @param operator who acted: "controller" for the controller itself
   * @param type the event's type ("reconcile")
   * @param subject what it concerns ("switch 00:00:00:00:00:00:00:01")
   */
  public Entry event(Instant at, String operator, String type, String subject, String detail) {
    log.info("{} {} {}: {}", operator, type, subject, detail);
    return add(at, operator, type, subject, 0, detail);
  }

  private synchronized Entry add(Instant at, String operator, String method, String path, int status,
      String detail) {
    Entry e = new Entry(++sequence, at, operator, method, path, status, detail);
    entries.addLast(e);
    try {
      store.put(e.sequence(), e, Optional.empty());
    } catch (StoreUnavailableException failed) {
      // The change it describes happened (or was refused) already; the log line above keeps it.
      log.error("audit entry {} not written to store {}: {}", e.sequence(), store.name(), failed.toString());
    }
    trim();
    return e;
  }

  /** Drops the oldest entries past the capacity, from the store too. */
  private synchronized void trim() {
    while (entries.size() > capacity) {
      Entry oldest = entries.removeFirst();
      try {
        store.remove(oldest.sequence());
      } catch (StoreUnavailableException failed) {
        log.warn("audit entry {} not removed from store {}: {}", oldest.sequence(), store.name(), failed.toString());
      }
    }
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
