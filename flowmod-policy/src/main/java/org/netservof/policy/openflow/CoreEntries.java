package org.netservof.policy.openflow;

import java.util.List;
import java.util.OptionalInt;
import org.netservof.policy.layout.ControllerMeter;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.layout.PriorityBand;
import org.netservof.policy.layout.Table;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
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
   * misses. Unmetered: the handshake writes it before the meters exist; the core's setup then replaces it with
   * {@link #meteredTableMiss}.
   */
  public static OFFlowAdd tableMiss(OFFactory factory) {
    return toController(tableMissBuilder(factory), factory, OptionalInt.empty()).build();
  }

  /** The table-miss entry through its {@link ControllerMeter} (plain on OpenFlow 1.0, which has no meters). */
  public static OFFlowAdd meteredTableMiss(OFFactory factory) {
    return toController(tableMissBuilder(factory), factory, ControllerMeter.TABLE_MISS).build();
  }

  /**
   * Makes an entry send its whole packets to the controller through the meter of its kind: the one way to build
   * a controller-bound entry, so none goes up unmetered on a switch that has meters.
   */
  public static <B extends OFFlowMod.Builder> B toController(B builder, OFFactory factory, ControllerMeter kind) {
    return toController(builder, factory, kind.on(factory));
  }

  private static <B extends OFFlowMod.Builder> B toController(B builder, OFFactory factory, OptionalInt meter) {
    return FlowMods.withMeterAndActions(builder, factory, meter,
        List.of(factory.actions().output(OFPort.CONTROLLER, SEND_WHOLE_PACKET)));
  }

  private static OFFlowAdd.Builder tableMissBuilder(OFFactory factory) {
    OFFlowAdd.Builder builder = factory.buildFlowAdd()
        .setCookie(Cookie.of(CookieOwner.CORE, TABLE_MISS_DETAIL).value())
        .setPriority(PriorityBand.TABLE_MISS.base())
        .setMatch(factory.matchWildcardAll());
    if (factory.getVersion() != OFVersion.OF_10) {
      builder.setTableId(Table.MAIN.id());
    }
    return builder;
  }
}
