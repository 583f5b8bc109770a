package org.netservof.controller.channel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloElem;
import org.projectfloodlight.openflow.protocol.OFHelloElemVersionbitmap;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.U32;

/**
 * OpenFlow version negotiation (spec 1.3.1+ section 6.3.1): when both HELLOs carry a version bitmap, the
 * highest version in both wins; otherwise the lower of the two header versions, if we offer it.
 */
public final class VersionNegotiation {
  private final List<OFVersion> offered;
  private final OFVersion highest;

  public VersionNegotiation(List<OFVersion> offered) {
    if (offered.isEmpty()) {
      throw new IllegalArgumentException("offer at least one OpenFlow version");
    }
    this.offered = List.copyOf(offered);
    this.highest = offered.stream().max(Comparator.naturalOrder()).orElseThrow();
  }

  /** Our HELLO: the highest offered version in the header, and a version bitmap when that is 1.3 or later. */
  public OFHello hello() {
    OFFactory factory = OFFactories.getFactory(highest);
    if (highest.compareTo(OFVersion.OF_13) < 0) {
      return factory.buildHello().build();
    }
    long bits = 0;
    for (OFVersion v : offered) {
      bits |= 1L << v.getWireVersion();
    }
    return factory.buildHello().setElements(List.of(factory.helloElemVersionbitmap(List.of(U32.of(bits))))).build();
  }

  /** The version both sides speak, or empty when there is none. */
  public Optional<OFVersion> negotiate(OFHello theirs) {
    Optional<List<OFVersion>> theirBitmap = bitmapVersions(theirs);
    if (theirBitmap.isPresent() && highest.compareTo(OFVersion.OF_13) >= 0) {
      return theirBitmap.get().stream().filter(offered::contains).max(Comparator.naturalOrder());
    }
    OFVersion lower = theirs.getVersion().compareTo(highest) < 0 ? theirs.getVersion() : highest;
    return offered.contains(lower) ? Optional.of(lower) : Optional.empty();
  }

  /** The versions offered, for log lines. */
  public List<OFVersion> offered() {
    return offered;
  }

  private static Optional<List<OFVersion>> bitmapVersions(OFHello hello) {
    if (hello.getVersion().compareTo(OFVersion.OF_13) < 0) {
      return Optional.empty();
    }
    for (OFHelloElem elem : hello.getElements()) {
      if (elem instanceof OFHelloElemVersionbitmap bitmap) {
        List<OFVersion> versions = new ArrayList<>();
        List<U32> words = bitmap.getBitmaps();
        for (int word = 0; word < words.size(); word++) {
          long bits = words.get(word).getValue();
          for (int bit = 0; bit < 32; bit++) {
            if ((bits & (1L << bit)) != 0) {
              wireVersion(word * 32 + bit).ifPresent(versions::add);
            }
          }
        }
        return Optional.of(versions);
      }
    }
    return Optional.empty();
  }

  private static Optional<OFVersion> wireVersion(int wire) {
    for (OFVersion v : OFVersion.values()) {
      if (v.getWireVersion() == wire) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
