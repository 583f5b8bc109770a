package org.netservof.rest.floodlight;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netservof.controller.api.statistics.PortBandwidth;

/** Floodlight's bandwidth entries, field for field: numbers as decimal strings, {@code updated} as its dates. */
final class BandwidthJson {
  private BandwidthJson() {}

  static List<Map<String, String>> of(List<PortBandwidth> measured) {
    return measured.stream().map(BandwidthJson::entry).toList();
  }

  private static Map<String, String> entry(PortBandwidth b) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("dpid", b.dpid().toString());
    out.put("port", b.port().toString());
    out.put("updated", FloodlightDate.of(b.updated()));
    out.put("link-speed-bits-per-second", Long.toString(b.linkSpeedBitsPerSecond()));
    out.put("bits-per-second-rx", Long.toString(b.rxBitsPerSecond()));
    out.put("bits-per-second-tx", Long.toString(b.txBitsPerSecond()));
    return out;
  }
}
