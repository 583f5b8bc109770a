package org.netservof.bridge.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.netservof.protocol.Names;
import org.netservof.protocol.node.ListenGrant;

/**
 * A module to install in a user's container.
 *
 * @param user whose container runs it
 * @param module the module's name and version, {@code NAME_VERSION} (the grammar of {@link Names#isModule})
 * @param url where the node fetches the JAR, http or https
 * @param sha256 the digest the JAR must have, 64 hex digits; the node refuses other bytes
 * @param properties passed to the module's start
 * @param listenPorts the user's {@code listen-ports} grant when the install was asked for ({@code udp:3478}),
 *     sent to the node with the install; null (a deployment stored before grants) is none
 */
public record ModuleInstall(String user, String module, URI url, String sha256, Map<String, String> properties,
    List<String> listenPorts) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  public ModuleInstall {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(sha256, "sha256");
    properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
    listenPorts = ListenGrant.parse(listenPorts).entries();
    if (!Names.isName(user)) {
      throw new IllegalArgumentException("user name '" + user + "' must be " + Names.NAME_RULE);
    }
    if (!Names.isModule(module)) {
      throw new IllegalArgumentException("module '" + module + "' must be " + Names.MODULE_RULE);
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("module URL '" + url + "' must be an http or https URL with a host");
    }
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 hex digits, was '" + sha256 + "'");
    }
    sha256 = sha256.toLowerCase(java.util.Locale.ROOT);
  }

  /** An install whose user may listen on no port. */
  public ModuleInstall(String user, String module, URI url, String sha256, Map<String, String> properties) {
    this(user, module, url, sha256, properties, List.of());
  }
}
