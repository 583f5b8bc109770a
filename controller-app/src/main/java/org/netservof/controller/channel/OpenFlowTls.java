package org.netservof.controller.channel;

/**
 * The {@code openflow-tls} section of the configuration: OpenFlow over TLS, each switch proving its DPID with a
 * certificate. All three files or none: with none, switches connect over plain TCP.
 *
 * @param key the controller's private key, PEM (PKCS#8, as {@code ./netserv ca} and OpenSSL 3 write it)
 * @param cert the controller's certificate (and its chain), PEM; switches check it against their CA
 * @param ca the certificates (PEM) that sign switch certificates; a switch without a certificate signed by one of
 *     them is refused, and one whose certificate's subject CN is not the 16 hex digits of the DPID it announces
 */
public record OpenFlowTls(String key, String cert, String ca) {
  public static final OpenFlowTls NONE = new OpenFlowTls("", "", "");

  public OpenFlowTls {
    key = key == null ? "" : key;
    cert = cert == null ? "" : cert;
    ca = ca == null ? "" : ca;
    int set = (key.isEmpty() ? 0 : 1) + (cert.isEmpty() ? 0 : 1) + (ca.isEmpty() ? 0 : 1);
    if (set != 0 && set != 3) {
      throw new IllegalArgumentException("openflow-tls needs key, cert and ca together (or none of them for plain "
          + "TCP); got key '" + key + "', cert '" + cert + "', ca '" + ca + "'");
    }
  }

  public boolean enabled() {
    return !key.isEmpty();
  }
}
