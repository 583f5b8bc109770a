package org.netservof.controller.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.netservof.controller.api.ConfigKey;

/**
 * Reads the controller's YAML configuration: every top-level key must be one that a module declares;
 * values are bound strictly to the key's type, each missing nested key taking its default; command-line
 * overrides (dotted paths, for example {@code openflow.echo-interval}) win over the file.
 */
public final class ConfigLoader {
  private final ObjectMapper mapper = newMapper();

  /** The mapper that reads and writes configuration: YAML, kebab-case names, strict about unknown keys. */
  public static ObjectMapper newMapper() {
    YAMLFactory yaml = YAMLFactory.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .build();
    return new ObjectMapper(yaml)
        .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .registerModule(DurationText.jacksonModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }

  /**
   * Loads the configuration.
   *
   * @param file the YAML file; empty for all defaults
   * @param overrides dotted key path to value, from command-line flags
   * @param keys every key any module declares
   * @throws ConfigException naming the file, the key and the problem; nothing is half-applied
   */
  public Configuration load(Optional<Path> file, Map<String, String> overrides, Collection<ConfigKey<?>> keys)
      throws ConfigException {
    Map<String, ConfigKey<?>> byName = indexKeys(keys);
    String source = file.map(Path::toString).orElse("(defaults)");
    ObjectNode document = file.isPresent() ? readFile(file.get()) : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      applyOverride(document, o.getKey(), o.getValue());
    }
    for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!byName.containsKey(name)) {
        throw new ConfigException(source + ": unknown key '" + name + "' (known: "
            + String.join(", ", new TreeSet<>(byName.keySet())) + ")");
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (ConfigKey<?> key : byName.values()) {
      values.put(key.name(), bind(source, key, document.get(key.name())));
    }
    return new Configuration(values, mapper);
  }

  /** The reference of every key with its description and default value, as a commented YAML file. */
  public String defaultsAsYaml(Collection<ConfigKey<?>> keys) throws ConfigException {
    StringBuilder out = new StringBuilder();
    for (ConfigKey<?> key : indexKeys(keys).values()) {
      out.append("# ").append(key.description()).append('\n');
      try {
        ObjectNode one = JsonNodeFactory.instance.objectNode();
        one.set(key.name(), mapper.valueToTree(key.defaultValue()));
        out.append(mapper.writeValueAsString(one)).append('\n');
      } catch (JsonProcessingException e) {
        throw new ConfigException("cannot render default of '" + key.name() + "'", e);
      }
    }
    return out.toString();
  }

  private <T> T bind(String source, ConfigKey<T> key, JsonNode given) throws ConfigException {
    JsonNode merged = mapper.valueToTree(key.defaultValue());
    if (given != null) {
      merged = merge(merged, given);
    }
    try {
      return mapper.readerFor(mapper.getTypeFactory().constructType(key.type().getType())).readValue(merged);
    } catch (JsonMappingException e) {
      throw new ConfigException(source + ": " + ConfigErrors.describe(key.name(), merged, e), e);
    } catch (IOException e) {
      throw new ConfigException(source + ": '" + key.name() + "': " + e.getMessage(), e);
    }
  }

  /** Objects merge key by key (the file's keys over the defaults); anything else is replaced. */
  private static JsonNode merge(JsonNode defaults, JsonNode given) {
    if (!(defaults instanceof ObjectNode d) || !given.isObject()) {
      return given;
    }
    ObjectNode out = d.deepCopy();
    given.properties().forEach(e -> {
      JsonNode base = out.get(e.getKey());
      out.set(e.getKey(), base == null ? e.getValue() : merge(base, e.getValue()));
    });
    return out;
  }

  private ObjectNode readFile(Path file) throws ConfigException {
    try {
      JsonNode root = mapper.readTree(Files.readString(file));
      if (root == null || root.isMissingNode() || root.isNull()) {
        return JsonNodeFactory.instance.objectNode();
      }
      if (!(root instanceof ObjectNode object)) {
        throw new ConfigException(file + ": the top level must be a map of keys, not " + root.getNodeType());
      }
      return object;
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void applyOverride(ObjectNode document, String dottedPath, String value) throws ConfigException {
    String[] parts = dottedPath.split("\\.");
    ObjectNode node = document;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (child == null) {
        child = node.putObject(parts[i]);
      } else if (!(child instanceof ObjectNode)) {
        throw new ConfigException("override '" + dottedPath + "': '" + parts[i] + "' is not a map");
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], TextNode.valueOf(value));
  }

  private static Map<String, ConfigKey<?>> indexKeys(Collection<ConfigKey<?>> keys) throws ConfigException {
    Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
    for (ConfigKey<?> key : keys) {
      if (byName.putIfAbsent(key.name(), key) != null) {
        throw new ConfigException("two modules declare the configuration key '" + key.name() + "'");
      }
    }
    return byName;
  }
}
