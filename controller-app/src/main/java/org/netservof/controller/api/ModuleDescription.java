package org.netservof.controller.api;

import java.util.Map;
import java.util.Objects;

/**
 * One module, as the loader sees it.
 *
 * @param name the name the configuration enables it by
 * @param className its implementation class
 * @param provides each service it provides (interface name) to the class implementing it, or to
 *     {@code "<not loaded>"} when the module does not run
 * @param dependsOn each service it needs (interface name) to the class implementing it in this controller,
 *     or to {@code "<unresolved>"} when no running module provides it
 * @param loaded whether it runs in this controller
 */
public record ModuleDescription(String name, String className, Map<String, String> provides,
    Map<String, String> dependsOn, boolean loaded) {
  public ModuleDescription {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(className, "className");
    provides = Map.copyOf(provides);
    dependsOn = Map.copyOf(dependsOn);
  }
}
