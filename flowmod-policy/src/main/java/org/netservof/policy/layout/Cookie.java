package org.netservof.policy.layout;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.projectfloodlight.openflow.types.U64;

/**
 * The cookie layout of every flow entry NetServ-OF installs, so entries can be listed, audited against
 * intent and deleted by cookie mask.
 *
 * <pre>
 *  bits 63..56  owner    which module installed it ({@link CookieOwner})
 *  bits 55..32  service  the steering service id, 0 when the entry belongs to no service
 *  bits 31..16  node     the service node index within the service, 0 when none
 *  bits 15..0   detail   owner-specific: entry kind, path step, ...
 * </pre>
 *
 * @param owner who installed the entry
 * @param service service id, 0..2^24-1
 * @param node node index, 0..2^16-1
 * @param detail owner-specific detail, 0..2^16-1
 */
public record Cookie(CookieOwner owner, int service, int node, int detail) {
  public static final int MAX_SERVICE = (1 << 24) - 1;
  public static final int MAX_NODE = (1 << 16) - 1;
  public static final int MAX_DETAIL = (1 << 16) - 1;

  private static final long OWNER_MASK = 0xFF00_0000_0000_0000L;
  private static final long SERVICE_MASK = 0x00FF_FFFF_0000_0000L;
  private static final long NODE_MASK = 0x0000_0000_FFFF_0000L;

  public Cookie {
    if (owner == null) {
      throw new IllegalArgumentException("cookie owner must not be null");
    }
    checkRange("service", service, MAX_SERVICE);
    checkRange("node", node, MAX_NODE);
    checkRange("detail", detail, MAX_DETAIL);
  }

  /** A cookie naming only its owner. */
  public static Cookie of(CookieOwner owner) {
    return new Cookie(owner, 0, 0, 0);
  }

  /** A cookie naming its owner and an owner-specific detail. */
  public static Cookie of(CookieOwner owner, int detail) {
    return new Cookie(owner, 0, 0, detail);
  }

  /**
   * A cookie derived from a name (a static entry's), the same for the same name across pushes and controller
   * restarts: service and detail hold bits of the name's UUID hash; node is 0.
   */
  public static Cookie ofName(CookieOwner owner, String name) {
    long h = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    return new Cookie(owner, (int) (h >>> 40) & MAX_SERVICE, 0, (int) h & MAX_DETAIL);
  }

  /** The 64-bit value written to the switch. */
  public U64 value() {
    return U64.of(((long) owner.code() << 56) | ((long) service << 32) | ((long) node << 16) | detail);
  }

  /** Mask that selects every entry of this cookie's owner. */
  public static U64 ownerMask() {
    return U64.of(OWNER_MASK);
  }

  /** Mask that selects every entry of one owner's service. */
  public static U64 serviceMask() {
    return U64.of(OWNER_MASK | SERVICE_MASK);
  }

  /** Mask that selects every entry of one node, across all of the owner's services. */
  public static U64 ownerAndNodeMask() {
    return U64.of(OWNER_MASK | NODE_MASK);
  }

  /** Mask that selects every entry of one node of one owner's service. */
  public static U64 nodeMask() {
    return U64.of(OWNER_MASK | SERVICE_MASK | NODE_MASK);
  }

  /**
   * Decodes a cookie read back from a switch.
   *
   * @throws IllegalArgumentException if the top byte names no NetServ-OF owner (someone else's entry)
   */
  public static Cookie decode(U64 value) {
    long raw = value.getValue();
    CookieOwner owner = ownerOf(value).orElseThrow(() -> new IllegalArgumentException(
        "cookie " + value + " has owner code 0x" + Long.toHexString(raw >>> 56) + ", which is not ours"));
    return new Cookie(owner, (int) ((raw >>> 32) & MAX_SERVICE), (int) ((raw >>> 16) & MAX_NODE),
        (int) (raw & MAX_DETAIL));
  }

  /** The owner a cookie's top byte names; empty for a cookie someone else wrote (a user's, another controller's). */
  public static Optional<CookieOwner> ownerOf(U64 value) {
    return CookieOwner.fromCode((int) (value.getValue() >>> 56));
  }

  /** The cookie decoded when one of our owners wrote it; empty for anyone else's. */
  public static Optional<Cookie> read(U64 value) {
    return ownerOf(value).map(o -> decode(value));
  }

  private static void checkRange(String field, int value, int max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException("cookie " + field + " must be in 0.." + max + ", was " + value);
    }
  }
}
