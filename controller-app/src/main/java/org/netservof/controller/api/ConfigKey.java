package org.netservof.controller.api;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A top-level key of the controller's YAML configuration, owned by one module.
 *
 * <p>The value is bound strictly with Jackson: unknown nested keys are errors. Nested keys and record
 * components are kebab-case in the file ({@code echoInterval} is written {@code echo-interval}). Missing
 * nested keys take their values from {@code defaultValue}.
 *
 * @param name the key, kebab-case
 * @param type the Java type of the value
 * @param defaultValue the value when the file does not name the key; never null
 * @param description one line for the configuration reference
 */
public record ConfigKey<T>(String name, TypeReference<T> type, T defaultValue, String description) {
  private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue of " + name);
    Objects.requireNonNull(description, "description of " + name);
    if (!KEBAB.matcher(name).matches()) {
      throw new IllegalArgumentException("config key '" + name + "' must be kebab-case");
    }
  }
}
