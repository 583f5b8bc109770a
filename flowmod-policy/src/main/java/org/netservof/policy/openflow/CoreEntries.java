package org.netservof.policy.openflow;

import java.util.List;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.layout.PriorityBand;
import org.netservof.policy.layout.Table;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFPort;

/** Flow entries the OpenFlow core installs on every switch at handshake. */
public final class CoreEntries {
  /** Detail code of the table-miss entry inside the {@link CookieOwner#CORE} cookie. */
  public static final int TABLE_MISS_DETAIL = 1;

  /**
   * Maximum bytes of a packet sent to the controller. 0xffff is OFPCML_NO_BUFFER on 1.3: the whole packet
   * comes up and the switch buffers nothing, so a PacketOut always carries its data.
   */
  public static final int SEND_WHOLE_PACKET = 0xffff;

  private CoreEntries() {}

  /**
   * The table-miss entry: priority 0, match everything, send to the controller. On OpenFlow 1.0 it also
   * replaces the NORMAL entry that Open vSwitch puts in a new bridge, which would otherwise swallow the
   * misses.
   */
  public static OFFlowAdd tableMiss(OFFactory factory) {
    OFFlowAdd.Builder builder = factory.buildFlowAdd()
        .setCookie(Cookie.of(CookieOwner.CORE, TABLE_MISS_DETAIL).value())
        .setPriority(PriorityBand.TABLE_MISS.base())
        .setMatch(factory.matchWildcardAll());
    if (factory.getVersion() != OFVersion.OF_10) {
      builder.setTableId(Table.MAIN.id());
    }
    return FlowMods.withActions(builder, factory,
        List.of(factory.actions().output(OFPort.CONTROLLER, SEND_WHOLE_PACKET))).build();
  }
}
