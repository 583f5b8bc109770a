package org.netservof.controller.linkdiscovery;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * LLDP probes signed by this controller. Besides the mandatory chassis, port and TTL TLVs, a probe carries
 * an organisationally specific TLV with the sending switch, port and a one-time id, and an HMAC-SHA256 of
 * them under a key only this controller knows; only that TLV is trusted. A probe that fails the check
 * (forged by a host, sent by another controller, altered) is rejected here; whether its id is fresh, came
 * back in time and was sent from the port it names is {@link PendingProbes}' business.
 */
final class ProbeCodec {
  static final int ETH_TYPE_LLDP = 0x88cc;
  static final MacAddress LLDP_MULTICAST = MacAddress.of("01:80:c2:00:00:0e");
  private static final byte[] OUI = {0x02, 0x4e, 0x53}; // locally administered, "NS"
  private static final int SUBTYPE = 1;
  private static final int SIGNED_BYTES = 8 + 4 + 8;
  private static final int MAC_BYTES = 16;

  private final SecretKeySpec key;

  /** What a verified probe says: the port it claims to have left by, and its one-time id. */
  record Probe(DatapathId dpid, OFPort port, long id) {}

  /** Why a frame is not a probe to believe. */
  static class Rejected extends Exception {
    Rejected(String reason) {
      super(reason);
    }
  }

  /** A probe whose signature is not ours: forged, altered, or signed by another controller. */
  static final class Foreign extends Rejected {
    Foreign(String reason) {
      super(reason);
    }
  }

  ProbeCodec(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("probe key must have at least 16 bytes, has " + secret.length);
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  /** The probe frame to send out of {@code port} of {@code dpid}, carrying the one-time {@code id}. */
  byte[] encode(DatapathId dpid, OFPort port, MacAddress portMac, long id) {
    ByteBuffer signed = ByteBuffer.allocate(SIGNED_BYTES).putLong(dpid.getLong()).putInt(port.getPortNumber())
        .putLong(id);
    byte[] mac = sign(signed.array());
    ByteBuffer f = ByteBuffer.allocate(14 + 11 + 7 + 4 + 2 + 4 + SIGNED_BYTES + MAC_BYTES + 2);
    f.put(LLDP_MULTICAST.getBytes()).put(portMac.getBytes()).putShort((short) ETH_TYPE_LLDP);
    tlv(f, 1, 9).put((byte) 7).putLong(dpid.getLong());             // chassis id, locally assigned
    tlv(f, 2, 5).put((byte) 7).putInt(port.getPortNumber());        // port id, locally assigned
    tlv(f, 3, 2).putShort((short) 120);                             // time to live
    tlv(f, 127, 4 + SIGNED_BYTES + MAC_BYTES).put(OUI).put((byte) SUBTYPE).put(signed.array()).put(mac);
    tlv(f, 0, 0);
    return f.array();
  }

  /**
   * Verifies a received LLDP frame's signature.
   *
   * @throws Rejected naming why the frame is not a probe of ours
   */
  Probe decode(byte[] frame, int payloadOffset) throws Rejected {
    ByteBuffer b = ByteBuffer.wrap(frame);
    int at = payloadOffset;
    while (at + 2 <= frame.length) {
      int header = b.getShort(at) & 0xffff;
      int type = header >>> 9;
      int length = header & 0x1ff;
      at += 2;
      if (type == 0) {
        break;
      }
      if (at + length > frame.length) {
        throw new Rejected("TLV type " + type + " runs past the frame end");
      }
      if (type == 127 && length == 4 + SIGNED_BYTES + MAC_BYTES && frame[at] == OUI[0] && frame[at + 1] == OUI[1]
          && frame[at + 2] == OUI[2] && frame[at + 3] == SUBTYPE) {
        byte[] signed = Arrays.copyOfRange(frame, at + 4, at + 4 + SIGNED_BYTES);
        byte[] mac = Arrays.copyOfRange(frame, at + 4 + SIGNED_BYTES, at + length);
        if (!MessageDigest.isEqual(mac, sign(signed))) {
          throw new Foreign("signature does not verify (forged, altered, or another controller's probe)");
        }
        ByteBuffer s = ByteBuffer.wrap(signed);
        return new Probe(DatapathId.of(s.getLong()), OFPort.of(s.getInt()), s.getLong());
      }
      at += length;
    }
    throw new Rejected("LLDP without a NetServ-OF probe TLV (a host's or another system's LLDP)");
  }

  private static ByteBuffer tlv(ByteBuffer f, int type, int length) {
    return f.putShort((short) ((type << 9) | length));
  }

  private byte[] sign(byte[] data) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(key);
      return Arrays.copyOf(hmac.doFinal(data), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
