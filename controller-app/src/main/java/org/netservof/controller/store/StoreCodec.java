package org.netservof.controller.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.netservof.controller.api.store.Versioned;

/**
 * How a durable store writes one store's keys and values: JSON, by Jackson, so a stored record can be read
 * by people and by the next version of its class. Records are written field by field (their components,
 * never helper getters such as {@code isGroup()}); times as ISO-8601 text; Loxi values by {@link LoxiJsonModule}.
 */
public final class StoreCodec<K, V> {
  private final ObjectMapper mapper;
  private final Class<K> keyType;
  private final JavaType versioned;
  private final JavaType unversioned;

  /**
   * A value and its lease's deadline without a revision, for stores whose server numbers the writes itself
   * (etcd: the key's mod revision).
   */
  public record Unversioned<V>(V value, Optional<Instant> deadline) {}

  private StoreCodec(ObjectMapper mapper, Class<K> keyType, Class<V> valueType) {
    this.mapper = mapper;
    this.keyType = Objects.requireNonNull(keyType, "keyType");
    this.versioned = mapper.getTypeFactory().constructParametricType(Versioned.class, valueType);
    this.unversioned = mapper.getTypeFactory().constructParametricType(Unversioned.class, valueType);
  }

  /** The codec of a store of {@code valueType}s keyed by {@code keyType}s, over the mapper all stores share. */
  public static <K, V> StoreCodec<K, V> of(ObjectMapper mapper, Class<K> keyType, Class<V> valueType) {
    return new StoreCodec<>(mapper, keyType, valueType);
  }

  /** The mapper for stored values; one per store service (it caches what it learns about each class). */
  public static ObjectMapper mapper() {
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .addModule(new LoxiJsonModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .visibility(PropertyAccessor.ALL, Visibility.NONE)
        .visibility(PropertyAccessor.FIELD, Visibility.ANY)
        .build();
  }

  public String key(K key) {
    return write(key);
  }

  public K key(String text) {
    return read(text, mapper.getTypeFactory().constructType(keyType));
  }

  public String value(Versioned<V> value) {
    return write(value);
  }

  public Versioned<V> value(String text) {
    return read(text, versioned);
  }

  /** The value and its deadline, to be written where the server gives the revision. */
  public String unversioned(V value, Optional<Instant> deadline) {
    return write(new Unversioned<>(value, deadline));
  }

  /** A value written by {@link #unversioned(Object, Optional)}, with the revision the server gave it. */
  public Versioned<V> value(String text, long revision) {
    Unversioned<V> read = read(text, unversioned);
    return new Versioned<>(read.value(), revision, read.deadline());
  }

  private String write(Object o) {
    try {
      return mapper.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot store a " + o.getClass().getSimpleName() + " as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  private <T> T read(String text, JavaType type) {
    try {
      return mapper.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a stored " + type.getRawClass().getSimpleName()
          + " does not read back: " + e.getOriginalMessage(), e);
    }
  }
}
