package org.netservof.controller.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

/** Port descriptions as a test switch announces them: ports numbered from 1, MACs 02:00:00:00:00:0N. */
public final class PortDescs {
  private PortDescs() {}

  /** {@code count} up ports numbered 1..count. */
  public static List<OFPortDesc> of(OFFactory factory, int count) {
    List<OFPortDesc> out = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      out.add(port(factory, i, true));
    }
    return out;
  }

  public static OFPortDesc port(OFFactory factory, int number, boolean up) {
    return factory.buildPortDesc()
        .setPortNo(OFPort.of(number))
        .setHwAddr(MacAddress.of(0x020000000000L + number))
        .setName("eth" + number)
        .setConfig(up ? Set.of() : Set.of(OFPortConfig.PORT_DOWN))
        .setState(up ? Set.of() : Set.of(OFPortState.LINK_DOWN))
        .build();
  }
}
