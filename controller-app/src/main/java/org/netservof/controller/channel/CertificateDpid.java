package org.netservof.controller.channel;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * The DPID a switch certificate is bound to: its subject's common name, exactly 16 hex digits (what
 * {@code ./netserv ca switch --dpid} writes, for example {@code CN=00000000005e0001}). A subject with no CN, more
 * than one, or a CN of another shape binds no DPID, so such a certificate admits no switch.
 */
public final class CertificateDpid {
  private static final Pattern DPID = Pattern.compile("[0-9a-fA-F]{16}");

  private CertificateDpid() {}

  /** The DPID the subject names, if it names exactly one. */
  public static Optional<DatapathId> of(X500Principal subject) {
    List<Rdn> commonNames;
    try {
      commonNames = new LdapName(subject.getName(X500Principal.RFC2253)).getRdns().stream()
          .filter(r -> r.getType().equalsIgnoreCase("CN")).toList();
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
    if (commonNames.size() != 1 || !(commonNames.get(0).getValue() instanceof String cn)
        || !DPID.matcher(cn).matches()) {
      return Optional.empty();
    }
    return Optional.of(DatapathId.of(Long.parseUnsignedLong(cn.toLowerCase(Locale.ROOT), 16)));
  }
}
