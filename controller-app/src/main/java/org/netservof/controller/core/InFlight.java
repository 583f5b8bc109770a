package org.netservof.controller.core;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.netservof.controller.api.OFErrorException;
import org.netservof.controller.api.SwitchDisconnectedException;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.types.DatapathId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What was written to one switch and may still draw an answer: requests waiting for their reply (each with
 * its timeout), batches waiting for their barrier, and the window of recent writes an error may refer to.
 * Confined to the connection's event loop.
 */
final class InFlight {
  private static final Logger log = LoggerFactory.getLogger(InFlight.class);

  /** A request waiting for its reply; for multipart requests, the parts so far. */
  static final class PendingRequest {
    final OFMessage request;
    final CompletableFuture<?> future;
    final boolean multipart;
    final List<OFStatsReply> parts = new ArrayList<>();

    PendingRequest(OFMessage request, CompletableFuture<?> future, boolean multipart) {
      this.request = request;
      this.future = future;
      this.multipart = multipart;
    }

    @SuppressWarnings("unchecked")
    void complete(Object value) {
      ((CompletableFuture<Object>) future).complete(value);
    }

    void fail(Throwable cause) {
      future.completeExceptionally(cause);
    }
  }

  /** A batch written with a barrier: the errors its messages drew before the barrier reply. */
  static final class ConfirmedBatch {
    final List<OFMessage> messages;
    final List<Map.Entry<OFMessage, OFErrorMsg>> errors = new ArrayList<>();

    ConfirmedBatch(List<OFMessage> messages) {
      this.messages = messages;
    }
  }

  /**
   * What an error answered.
   *
   * @param cause the message it answered, when it is still known
   * @param claimed whether a request or a batch took the error (and reports it to its caller)
   */
  record ErrorCause(Optional<OFMessage> cause, boolean claimed) {}

  private final DatapathId id;
  private final EventLoop loop;
  private final Duration requestTimeout;
  private final int maxParts;
  private final Map<Long, PendingRequest> pending = new HashMap<>();
  private final Map<Long, ConfirmedBatch> batches = new HashMap<>();
  private final RecentWrites recentWrites;

  /** @param maxParts parts of one multipart reply kept; a reply with more is abandoned */
  InFlight(DatapathId id, EventLoop loop, Duration requestTimeout, int errorWindow, int maxParts) {
    this.id = id;
    this.maxParts = maxParts;
    this.loop = loop;
    this.requestTimeout = requestTimeout;
    this.recentWrites = new RecentWrites(errorWindow);
  }

  /** Keeps a written message for the errors that may refer to it. */
  void remember(OFMessage message) {
    recentWrites.remember(message);
  }

  /** Waits for the request's reply, at most the request timeout; false (the request failed) if its xid is taken. */
  boolean expect(OFMessage message, PendingRequest request) {
    long xid = message.getXid();
    if (pending.containsKey(xid)) {
      request.fail(new IllegalArgumentException("xid " + xid + " is already waiting for a reply on switch " + id));
      return false;
    }
    pending.put(xid, request);
    long timeoutMs = requestTimeout.toMillis();
    loop.schedule(() -> {
      if (pending.remove(xid, request)) {
        request.fail(new TimeoutException("switch " + id + " did not answer " + message.getType() + " xid=" + xid
            + " within " + timeoutMs + " ms"));
      }
    }, timeoutMs, TimeUnit.MILLISECONDS);
    return true;
  }

  /** Completes the request the reply answers; false if it answers none (it is then dispatched). */
  boolean complete(OFMessage reply) {
    PendingRequest request = pending.get(reply.getXid());
    if (request == null) {
      return false;
    }
    if (!request.multipart) {
      pending.remove(reply.getXid());
      request.complete(reply);
      return true;
    }
    if (!(reply instanceof OFStatsReply part)) {
      return false;
    }
    boolean more = part.getFlags().contains(OFStatsReplyFlags.REPLY_MORE);
    if (more && request.parts.size() + 1 >= maxParts) {
      abandon(request, reply.getXid());
      return true;
    }
    request.parts.add(part);
    if (!more) {
      pending.remove(reply.getXid());
      request.complete(List.copyOf(request.parts));
    }
    return true;
  }

  /**
   * Fails a multipart request whose reply would not end within the bound and forgets its parts. Later parts
   * of the stream answer no request any more and are dispatched like any unsolicited message.
   */
  private void abandon(PendingRequest request, long xid) {
    pending.remove(xid);
    request.parts.clear();
    log.warn("switch {}: the reply to {} xid={} ran to more than {} parts; abandoned", id, request.request.getType(),
        xid, maxParts);
    request.fail(new IllegalStateException("switch " + id + " answered " + request.request.getType() + " xid="
        + xid + " with more than " + maxParts + " parts (flood-protection.multipart-max-parts); the request was "
        + "abandoned"));
  }

  /** Fails the request the error answers, or adds it to the batch it belongs to. */
  ErrorCause error(OFErrorMsg error) {
    long xid = error.getXid();
    PendingRequest request = pending.remove(xid);
    ConfirmedBatch batch = batches.get(xid);
    OFMessage cause = request != null ? request.request : recentWrites.find(xid);
    if (request != null) {
      request.fail(new OFErrorException(id, List.of(Map.entry(request.request, error))));
    } else if (batch != null) {
      batch.errors.add(Map.entry(cause != null ? cause : error, error));
    }
    return new ErrorCause(Optional.ofNullable(cause), request != null || batch != null);
  }

  /** Starts collecting the errors of a batch written now. */
  ConfirmedBatch track(List<OFMessage> messages) {
    ConfirmedBatch batch = new ConfirmedBatch(messages);
    messages.forEach(m -> {
      batches.put(m.getXid(), batch);
      remember(m);
    });
    return batch;
  }

  /** The barrier after a batch was answered (or failed): completes the batch's future with what it drew. */
  void finish(ConfirmedBatch batch, Throwable barrierFailure, CompletableFuture<Void> future) {
    batch.messages.forEach(m -> batches.remove(m.getXid()));
    if (barrierFailure != null) {
      future.completeExceptionally(barrierFailure);
    } else if (!batch.errors.isEmpty()) {
      future.completeExceptionally(new OFErrorException(id, batch.errors));
    } else {
      future.complete(null);
    }
  }

  /** The connection closed: every request fails. */
  void closed() {
    SwitchDisconnectedException gone = new SwitchDisconnectedException(id);
    List<PendingRequest> open = new ArrayList<>(pending.values());
    pending.clear();
    open.forEach(p -> p.fail(gone));
    batches.clear();
  }
}
