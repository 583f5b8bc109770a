package org.netservof.rest.floodlight;

import jakarta.ws.rs.NotFoundException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The statistics a {@code /wm/core/switch/{dpid}/{type}/json} URL can name, with Floodlight's spelling. */
enum StatType {
  FLOW("flow"),
  PORT("port"),
  PORT_DESC("port-desc"),
  DESC("desc"),
  AGGREGATE("aggregate"),
  FEATURES("features"),
  GROUP("group"),
  GROUP_DESC("group-desc"),
  GROUP_FEATURES("group-features"),
  QUEUE("queue"),
  TABLE("table"),
  ROLE("role");

  final String path;

  StatType(String path) {
    this.path = path;
  }

  /** Groups came with OpenFlow 1.1. */
  boolean needsGroups() {
    return this == GROUP || this == GROUP_DESC || this == GROUP_FEATURES;
  }

  /** The type a URL names; an unknown name is a resource that does not exist (404, listing the valid ones). */
  static StatType fromPath(String text) {
    return Arrays.stream(values()).filter(t -> t.path.equals(text)).findFirst()
        .orElseThrow(() -> new NotFoundException("unknown statistics type '" + text + "'; valid: "
            + Arrays.stream(values()).map(t -> t.path).collect(Collectors.joining(", "))));
  }
}
