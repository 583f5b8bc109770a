package org.netservof.policy.openflow;

import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.Masked;
import org.projectfloodlight.openflow.types.OFValueType;

/** Match helpers Loxi lacks. */
public final class Matches {
  private Matches() {}

  /**
   * A builder holding every field of {@code match}, to extend it. Loxi's own {@code Match.createBuilder()}
   * on OpenFlow 1.3 matches loses the existing fields as soon as one is set, so copy field by field.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Match.Builder extend(OFFactory f, Match match) {
    Match.Builder b = f.buildMatch();
    for (MatchField field : match.getMatchFields()) {
      if (match.isExact(field)) {
        b.setExact(field, (OFValueType) match.get(field));
      } else if (match.isPartiallyMasked(field)) {
        Masked masked = match.getMasked(field);
        b.setMasked(field, masked.getValue(), masked.getMask());
      }
    }
    return b;
  }
}
