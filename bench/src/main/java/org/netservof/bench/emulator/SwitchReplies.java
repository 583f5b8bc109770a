package org.netservof.bench.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFActionType;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFCapabilities;
import org.projectfloodlight.openflow.protocol.OFConfigFlags;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFGetConfigRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFAuxId;
import org.projectfloodlight.openflow.types.OFErrorCauseData;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * What an emulated switch says back to the controller's requests: enough of a switch for a handshake
 * (FEATURES, port and switch descriptions, config, role, barrier, echo), and a BAD_REQUEST error for any
 * other request, so that a controller waiting for an answer gets one instead of hanging. Messages that
 * want no answer (SET_CONFIG, FLOW_MOD, PACKET_OUT, ...) get none.
 */
final class SwitchReplies {
  /** Message types whose sender waits for an answer. */
  private static final Set<OFType> REQUESTS = EnumSet.of(OFType.FEATURES_REQUEST, OFType.GET_CONFIG_REQUEST,
      OFType.STATS_REQUEST, OFType.BARRIER_REQUEST, OFType.ECHO_REQUEST, OFType.ROLE_REQUEST,
      OFType.QUEUE_GET_CONFIG_REQUEST, OFType.GET_ASYNC_REQUEST, OFType.BUNDLE_CONTROL, OFType.EXPERIMENTER);
  /** The spec's limit on the offending message's bytes an error carries. */
  private static final int ERROR_DATA_BYTES = 64;

  private final OFFactory factory;
  private final int switchIndex;
  private final List<OFPortDesc> ports;

  SwitchReplies(OFVersion version, int switchIndex) {
    this.factory = OFFactories.getFactory(version);
    this.switchIndex = switchIndex;
    this.ports = ports(factory, switchIndex);
  }

  OFFactory factory() {
    return factory;
  }

  /** DPID is the switch index plus one, as cbench numbers its switches. */
  DatapathId dpid() {
    return DatapathId.of(switchIndex + 1L);
  }

  /** The answer {@code m} asks for, or empty when it asks for none. */
  Optional<OFMessage> answer(OFMessage m) {
    if (m instanceof OFFeaturesRequest) {
      return Optional.of(features(m.getXid()));
    }
    if (m instanceof OFBarrierRequest) {
      return Optional.of(factory.buildBarrierReply().setXid(m.getXid()).build());
    }
    if (m instanceof OFEchoRequest echo) {
      return Optional.of(factory.buildEchoReply().setXid(echo.getXid()).setData(echo.getData()).build());
    }
    if (m instanceof OFGetConfigRequest) {
      return Optional.of(factory.buildGetConfigReply().setXid(m.getXid())
          .setFlags(EnumSet.noneOf(OFConfigFlags.class)).setMissSendLen(0xffff).build());
    }
    if (m instanceof OFRoleRequest role) {
      // Granted as asked: the emulator has no other controllers to arbitrate against.
      OFControllerRole granted = role.getRole() == OFControllerRole.ROLE_NOCHANGE ? OFControllerRole.ROLE_EQUAL
          : role.getRole();
      return Optional.of(factory.buildRoleReply().setXid(role.getXid()).setRole(granted)
          .setGenerationId(role.getGenerationId()).build());
    }
    if (m instanceof OFPortDescStatsRequest && factory.getVersion() != OFVersion.OF_10) {
      return Optional.of(factory.buildPortDescStatsReply().setXid(m.getXid()).setEntries(ports).build());
    }
    if (m instanceof OFDescStatsRequest) {
      return Optional.of(factory.buildDescStatsReply().setXid(m.getXid()).setMfrDesc("NetServ-OF")
          .setHwDesc("cbench-style switch emulator").setSwDesc("bench").setSerialNum(String.valueOf(switchIndex))
          .setDpDesc("emulated switch " + (switchIndex + 1)).build());
    }
    if (REQUESTS.contains(m.getType())) {
      return Optional.of(refusal(m));
    }
    return Optional.empty();
  }

  private OFFeaturesReply features(long xid) {
    OFFeaturesReply.Builder b = factory.buildFeaturesReply().setXid(xid).setDatapathId(dpid()).setNBuffers(0)
        .setNTables((short) 254)
        .setCapabilities(EnumSet.of(OFCapabilities.FLOW_STATS, OFCapabilities.TABLE_STATS,
            OFCapabilities.PORT_STATS));
    if (factory.getVersion() == OFVersion.OF_10) {
      b.setActions(EnumSet.of(OFActionType.OUTPUT)).setPorts(ports);
    } else {
      b.setAuxiliaryId(OFAuxId.MAIN);
    }
    return b.build();
  }

  private OFMessage refusal(OFMessage m) {
    OFBadRequestCode code = m instanceof OFStatsRequest<?> ? OFBadRequestCode.BAD_STAT
        : m.getType() == OFType.EXPERIMENTER ? OFBadRequestCode.BAD_EXPERIMENTER : OFBadRequestCode.BAD_TYPE;
    ByteBuf buf = Unpooled.buffer();
    try {
      m.writeTo(buf);
      byte[] head = ByteBufUtil.getBytes(buf, 0, Math.min(ERROR_DATA_BYTES, buf.readableBytes()));
      return factory.errorMsgs().buildBadRequestErrorMsg().setXid(m.getXid()).setCode(code)
          .setData(OFErrorCauseData.of(head, factory.getVersion())).build();
    } finally {
      buf.release();
    }
  }

  private static List<OFPortDesc> ports(OFFactory factory, int switchIndex) {
    List<OFPortDesc> ports = new ArrayList<>();
    for (int p = 1; p <= PacketInFrames.PORTS; p++) {
      ports.add(factory.buildPortDesc().setPortNo(OFPort.of(p))
          .setHwAddr(MacAddress.of(0x06L << 40 | (long) switchIndex << 8 | p))
          .setName("s" + (switchIndex + 1) + "-eth" + p).build());
    }
    return List.copyOf(ports);
  }
}
