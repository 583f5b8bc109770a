package org.netservof.bridge.signaling;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;

/**
 * One entry of the {@code users} list: who may signal, with which key, and what they may ask for. Every field
 * is required: a grant is spelled out, never implied.
 *
 * @param name the {@code user} header that names this user
 * @param publicKeyFile the user's Ed25519 public key, PEM ({@code ./netserv keygen} writes one)
 * @param filterPrefixes destination prefixes the user's filters must lie inside ({@code 0.0.0.0/0} for any)
 * @param protocols what the filters may select: {@code udp}, {@code tcp}, {@code icmp} or {@code any}, a port or
 *     port range optionally after tcp and udp ({@code udp:5060}, {@code tcp:8000-8100})
 * @param maxServices how many services the user may have at once in this domain
 * @param maxRateKbps cap on the traffic steered for the user, enforced by an OpenFlow 1.3 meter; 0 for none
 * @param listenPorts what the user's modules may listen on at a node's service address ({@code udp:3478},
 *     {@code tcp:8080}); optional: absent, the user's modules listen on nothing
 * @param connectTo where the user's modules may open TCP connections from a node's service address ({@code
 *     10.0.0.0/24:80}, {@code 10.0.0.7/32:8000-8100}); optional: absent, they connect nowhere
 */
public record UserConfig(String name, String publicKeyFile, List<String> filterPrefixes, List<String> protocols,
    int maxServices, int maxRateKbps, @JsonSetter(nulls = Nulls.AS_EMPTY) List<String> listenPorts,
    @JsonSetter(nulls = Nulls.AS_EMPTY) List<String> connectTo) {
  /** A user whose modules connect nowhere. */
  public UserConfig(String name, String publicKeyFile, List<String> filterPrefixes, List<String> protocols,
      int maxServices, int maxRateKbps, List<String> listenPorts) {
    this(name, publicKeyFile, filterPrefixes, protocols, maxServices, maxRateKbps, listenPorts, null);
  }

  /** A user whose modules may listen on nothing. */
  public UserConfig(String name, String publicKeyFile, List<String> filterPrefixes, List<String> protocols,
      int maxServices, int maxRateKbps) {
    this(name, publicKeyFile, filterPrefixes, protocols, maxServices, maxRateKbps, null, null);
  }
}
