package org.netservof.protocol.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON mapper of the node channels: one object per line, unknown fields refused. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private Json() {}

  public static String line(Object message) {
    try {
      return MAPPER.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + message, e);
    }
  }

  /**
   * Reads one message.
   *
   * @throws JsonProcessingException naming what is wrong with the line
   */
  public static <T> T read(String line, Class<T> type) throws JsonProcessingException {
    return MAPPER.readValue(line, type);
  }
}
