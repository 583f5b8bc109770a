package org.netservof.rest.netserv;

import java.util.Map;
import java.util.Objects;

/**
 * {@code POST /netserv/v1/services/{id}/properties}: the module's new properties (all of them, as a SETUP gives
 * them), applied by the running module's {@code update} on its nodes; the answer says where it applied.
 */
public record PropertiesUpdate(Map<String, String> properties) {
  public PropertiesUpdate {
    properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
  }

  /** The answer: where the update applied (and where it did not). */
  public record Applied(int service, String module, String detail) {}
}
