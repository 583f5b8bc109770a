package org.netservof.rest.floodlight;

import jakarta.ws.rs.NotFoundException;
import java.util.regex.Pattern;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchService;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * DPIDs as Floodlight's URLs carry them. A malformed one is the client's mistake (400, through
 * {@link IllegalArgumentException}); a well-formed one no switch has is a missing resource (404).
 */
final class FloodlightIds {
  /** Eight colon-separated bytes, as Floodlight prints them; a plain decimal long is accepted too, as it does. */
  private static final Pattern COLON_HEX = Pattern.compile("[0-9A-Fa-f]{1,2}(:[0-9A-Fa-f]{1,2}){7}");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,20}");

  private FloodlightIds() {}

  static DatapathId parseDpid(String text) {
    if (text != null && COLON_HEX.matcher(text).matches()) {
      long value = 0;
      for (String part : text.split(":")) {
        value = value << 8 | Integer.parseInt(part, 16);
      }
      return DatapathId.of(value);
    }
    if (text != null && DECIMAL.matcher(text).matches()) {
      try {
        return DatapathId.of(Long.parseUnsignedLong(text));
      } catch (NumberFormatException tooBig) {
        // falls through to the common message
      }
    }
    throw new IllegalArgumentException("invalid switch DPID '" + text
        + "': must be a 64-bit value in the form 00:11:22:33:44:55:66:77");
  }

  /** A switch connected here, whether this controller masters it or not (its role is asked of every member). */
  static OFSwitch connectedHere(SwitchService switches, DatapathId dpid) {
    return switches.connectedSwitches().stream().filter(sw -> sw.id().equals(dpid)).findFirst()
        .orElseThrow(() -> new NotFoundException("switch " + dpid + " is not connected to this controller"));
  }

  /** The connected switch with this DPID that this controller writes to, or 404. */
  static OFSwitch connected(SwitchService switches, DatapathId dpid) {
    return switches.getSwitch(dpid)
        .orElseThrow(() -> new NotFoundException("switch " + dpid + " is not connected to this controller"));
  }
}
