package org.netservof.controller.testing;

import java.util.List;
import java.util.Optional;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFMeterConfigStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * What a test switch on a real connection answers the controller's handshake and keepalive requests with, the
 * way Open vSwitch does: features (with the ports on 1.0), the port description, the description, the role,
 * barriers, echoes, and on 1.3 its meters (none yet). Unanswered, the meter listing would hold the switch's setup
 * until the controller gives up on it (10 s), and with it every PacketIn the test sends.
 *
 * @param ports up ports numbered 1..ports, as {@link PortDescs} makes them
 */
public record SwitchAnswers(OFFactory factory, DatapathId dpid, int ports) {
  /** The reply to {@code request}, or empty when it is not one of those requests. */
  public Optional<OFMessage> to(OFMessage request) {
    OFMessage reply = null;
    if (request instanceof OFFeaturesRequest r) {
      OFFeaturesReply.Builder b = factory.buildFeaturesReply().setXid(r.getXid()).setDatapathId(dpid).setNBuffers(0)
          .setNTables((short) 254);
      reply = factory.getVersion() == OFVersion.OF_10 ? b.setPorts(PortDescs.of(factory, ports)).build() : b.build();
    } else if (request instanceof OFPortDescStatsRequest r) {
      reply = factory.buildPortDescStatsReply().setXid(r.getXid()).setEntries(PortDescs.of(factory, ports)).build();
    } else if (request instanceof OFDescStatsRequest r) {
      reply = factory.buildDescStatsReply().setXid(r.getXid()).setMfrDesc("Nicira, Inc.").setHwDesc("Open vSwitch")
          .setSwDesc("3.1.0").setSerialNum("None").setDpDesc("test switch").build();
    } else if (request instanceof OFRoleRequest r) {
      reply = factory.buildRoleReply().setXid(r.getXid()).setRole(r.getRole()).setGenerationId(r.getGenerationId())
          .build();
    } else if (request instanceof OFBarrierRequest r) {
      reply = factory.buildBarrierReply().setXid(r.getXid()).build();
    } else if (request instanceof OFMeterConfigStatsRequest r) {
      reply = factory.buildMeterConfigStatsReply().setXid(r.getXid()).setEntries(List.of()).build();
    } else if (request instanceof OFEchoRequest r) {
      reply = factory.buildEchoReply().setXid(r.getXid()).setData(r.getData()).build();
    }
    return Optional.ofNullable(reply);
  }
}
