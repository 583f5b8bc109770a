package org.netservof.bridge.api;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.netservof.protocol.Names;

/**
 * A module to install in a user's container.
 *
 * @param user whose container runs it
 * @param module the module's name and version, {@code NAME_VERSION} (the grammar of {@link Names#isModule})
 * @param url where the node fetches the JAR, http or https
 * @param sha256 the digest the JAR must have, 64 hex digits; the node refuses other bytes
 * @param properties passed to the module's start
 */
public record ModuleInstall(String user, String module, URI url, String sha256, Map<String, String> properties) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  public ModuleInstall {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(sha256, "sha256");
    properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
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
}
