package org.netservof.controller.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.netservof.policy.openflow.CoreEntries;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * Writes and reads back each handshake message once per offered version before the socket opens. Loxi's
 * classes are many and load lazily; without this the first switch to connect waits a few hundred
 * milliseconds for class loading in the middle of its handshake.
 */
final class CodecWarmup {
  private CodecWarmup() {}

  static void run(List<OFVersion> versions) {
    for (OFVersion version : versions) {
      OFFactory f = OFFactories.getFactory(version);
      roundTrip(new VersionNegotiation(List.of(version)).hello(), f.buildFeaturesRequest().build(),
          f.buildDescStatsRequest().build(), f.buildDescStatsReply().build(),
          f.buildFeaturesReply().setDatapathId(DatapathId.of(1)).build(),
          f.buildSetConfig().setMissSendLen(0xffff).build(), CoreEntries.tableMiss(f), f.barrierRequest(),
          f.buildBarrierReply().build(), f.buildEchoRequest().build(),
          f.buildPacketIn().setReason(OFPacketInReason.NO_MATCH).setData(new byte[64]).build());
      if (version.compareTo(OFVersion.OF_13) >= 0) {
        roundTrip(f.buildPortDescStatsRequest().build(), f.buildPortDescStatsReply().build());
      }
    }
  }

  private static void roundTrip(OFMessage... messages) {
    ByteBuf buf = Unpooled.buffer();
    try {
      for (OFMessage m : messages) {
        m.writeTo(buf);
      }
      while (buf.isReadable()) {
        OFFactories.getGenericReader().readFrom(buf);
      }
    } catch (OFParseError e) {
      throw new IllegalStateException("Loxi cannot read back its own " + messages[0].getVersion() + " messages", e);
    } finally {
      buf.release();
    }
  }
}
