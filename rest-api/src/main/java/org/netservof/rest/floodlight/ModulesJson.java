package org.netservof.rest.floodlight;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netservof.controller.api.ModuleDescription;

/**
 * Floodlight's module map, {@code {module class: {"depends": {service: implementation}, "provides": {service:
 * implementation}, "loaded": true}}}, with each module's configuration name besides ({@code "name"}), which is
 * what the {@code modules} key lists here.
 */
final class ModulesJson {
  private ModulesJson() {}

  static Map<String, Object> of(List<ModuleDescription> modules) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ModuleDescription m : modules) {
      Map<String, Object> module = new LinkedHashMap<>();
      module.put("name", m.name());
      module.put("depends", m.dependsOn());
      module.put("provides", m.provides());
      module.put("loaded", m.loaded());
      out.put(m.className(), module);
    }
    return out;
  }
}
