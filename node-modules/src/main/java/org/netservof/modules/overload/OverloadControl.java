package org.netservof.modules.overload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.netservof.modules.reply.ServerReply;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.NetServModule;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;

/**
 * The thesis's Overload Control (§7.4), the Sending-Entity on the path of SIP over UDP toward a server: the
 * INVITE and REGISTER requests beyond the rate the server asked for ({@link OverloadLimits}) never reach it;
 * the module answers each with {@code 503 Service Unavailable} and a {@code Retry-After}, from the server's
 * address and port, and drops it. One token bucket holds the server's rate, so the server sees at most
 * {@code rate} new requests a second however many senders there are. Other methods, responses and other
 * traffic pass. A datagram that starts as an INVITE or REGISTER but is too malformed to answer (cut short, a
 * CSeq naming another method, a reply too large for a datagram, the first fragment of a large one) takes a
 * token too: within the rate it passes untouched (the server judges it), beyond it it is dropped unanswered
 * (counted as {@code dropped}); a lenient server would accept some of them, so passing them all would carry
 * any load past the rate.
 *
 * <p>The server's load feedback changes the limits while the module runs ({@link #update}).
 */
public final class OverloadControl implements NetServModule {
  private static final byte[] INVITE = "INVITE ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] REGISTER = "REGISTER ".getBytes(StandardCharsets.US_ASCII);

  private final LongAdder passed = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder other = new LongAdder();
  private volatile OverloadLimits limits = OverloadLimits.of(Map.of());
  // The bucket is the packet thread's own; an update only changes the limits it is read against.
  private double tokens = -1;
  private long last;

  @Override
  public void start(ModuleContext context) {
    limits = OverloadLimits.of(context.properties());
    tokens = limits.burst();
    last = context.nanoTime();
  }

  /**
   * New limits from the server's feedback, applied from the next packet on; tokens above a smaller burst
   * are cut. Wrong values fail with a message naming the property and leave the running limits as they were.
   */
  public void update(ModuleContext context) {
    limits = OverloadLimits.of(context.properties());
  }

  @Override
  public Verdict process(Packet packet, ModuleContext context) {
    OverloadLimits now = limits;
    if (!isCountedRequest(packet, now.sipPort())) {
      other.increment();
      return Verdict.FORWARD;
    }
    Optional<SipRequest> request = SipRequest.parse(packet.udpPayloadText());
    boolean within = take(now, context.nanoTime());
    if (request.isEmpty()) {
      malformed.increment();
      if (!within) {
        dropped.increment();
      }
      return within ? Verdict.FORWARD : Verdict.DROP;
    }
    if (within) {
      passed.increment();
      return Verdict.FORWARD;
    }
    byte[] answer = request.get().serviceUnavailable(now.retryAfter()).getBytes(StandardCharsets.ISO_8859_1);
    ServerReply.emit(packet, answer, answer.length, context);
    rejected.increment();
    return Verdict.DROP;
  }

  /** Whether one token is left in the server's bucket at {@code nanos}, taking it. */
  private boolean take(OverloadLimits now, long nanos) {
    if (tokens < 0) {
      tokens = now.burst();
      last = nanos;
    }
    tokens = Math.min(now.burst(), tokens + Math.max(0, nanos - last) * (now.rate() / 1e9));
    last = nanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  private static boolean isCountedRequest(Packet packet, int sipPort) {
    if (!packet.isUdp() || packet.destinationPort() != sipPort) {
      return false;
    }
    byte[] data = packet.data();
    int from = packet.udpPayloadOffset();
    int length = packet.udpPayloadLength();
    return startsWith(data, from, length, INVITE) || startsWith(data, from, length, REGISTER);
  }

  private static boolean startsWith(byte[] data, int from, int length, byte[] prefix) {
    return length >= prefix.length && Arrays.equals(data, from, from + prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public Map<String, Object> report() {
    Map<String, Object> report = limits.report();
    report.put("passed", passed.sum());
    report.put("rejected", rejected.sum());
    report.put("malformed", malformed.sum());
    report.put("dropped", dropped.sum());
    report.put("other", other.sum());
    return report;
  }
}
