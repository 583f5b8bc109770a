package org.netservof.controller.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.netservof.controller.api.ConfigKey;

/** The bound value of every configuration key; immutable. */
public final class Configuration {
  private final Map<String, Object> values;
  private final ObjectMapper mapper;

  Configuration(Map<String, Object> values, ObjectMapper mapper) {
    this.values = Map.copyOf(values);
    this.mapper = mapper;
  }

  /**
   * The value of a key.
   *
   * @throws IllegalArgumentException if the key was not among those the configuration was loaded with
   */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    Object value = values.get(key.name());
    if (value == null) {
      throw new IllegalArgumentException("configuration key '" + key.name() + "' was not declared by any module");
    }
    return (T) value;
  }

  /** The effective configuration as YAML, keys in sorted order. */
  public String toYaml() {
    try {
      return mapper.writeValueAsString(new java.util.TreeMap<>(values));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render configuration", e);
    }
  }
}
