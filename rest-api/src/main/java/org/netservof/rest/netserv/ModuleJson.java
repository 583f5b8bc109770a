package org.netservof.rest.netserv;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.netservof.bridge.api.ModuleInstall;

/**
 * A NetServ module a service runs on its nodes, as JSON: the same fields a signaled SETUP carries.
 *
 * @param name NAME_VERSION, such as KeepAliveResponder_1.0
 * @param url where the nodes fetch its JAR (http or https)
 * @param sha256 the JAR's digest; a node refuses a JAR that does not match
 * @param properties the module's settings
 */
public record ModuleJson(String name, String url, String sha256, Optional<Map<String, String>> properties) {
  public ModuleJson {
    Objects.requireNonNull(name, "module.name");
    Objects.requireNonNull(url, "module.url");
    Objects.requireNonNull(sha256, "module.sha256");
    properties = properties == null ? Optional.empty() : properties.map(Map::copyOf);
  }

  static ModuleJson of(ModuleInstall m) {
    return new ModuleJson(m.module(), m.url().toString(), m.sha256(),
        m.properties().isEmpty() ? Optional.empty() : Optional.of(m.properties()));
  }

  /** The install of this module for the user's container. */
  ModuleInstall toInstall(String user) {
    return new ModuleInstall(user, name, URI.create(url), sha256, properties.orElse(Map.of()));
  }
}
