package org.netservof.rest.floodlight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonShapeTest {
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode parse(String s) throws Exception {
    return json.readTree(s);
  }

  @Test
  void sameKeysAndKindsAgreeWhateverTheValues() throws Exception {
    assertThat(JsonShape.differences(parse("{\"a\":\"1\",\"b\":[{\"c\":2}]}"),
        parse("{\"b\":[{\"c\":7},{\"c\":8}],\"a\":\"x\"}"))).isEmpty();
  }

  @Test
  void aMissingOrExtraKeyOrAnotherKindIsReported() throws Exception {
    assertThat(JsonShape.differences(parse("{\"a\":\"1\",\"b\":2}"), parse("{\"a\":1,\"c\":2}")))
        .containsExactlyInAnyOrder("$.a: expected STRING but was NUMBER (1)", "$: missing key 'b'",
            "$: unexpected key 'c'");
  }

  @Test
  void elementsOfArraysAreCheckedAgainstTheFirstExpectedElement() throws Exception {
    assertThat(JsonShape.differences(parse("[{\"port\":\"1\"}]"), parse("[{\"port\":\"1\"},{\"port\":2}]")))
        .containsExactly("$[1].port: expected STRING but was NUMBER (2)");
    assertThat(JsonShape.differences(parse("[{\"port\":\"1\"}]"), parse("[]"))).isEmpty();
  }

  @Test
  void objectsKeyedByDpidCompareTheirValues() throws Exception {
    JsonNode expected = parse("{\"00:00:00:00:00:00:00:01\":{\"flows\":[]}}");
    assertThat(JsonShape.differences(expected, parse("{\"00:00:00:00:00:5f:00:01\":{\"flows\":[]},"
        + "\"00:00:00:00:00:5f:00:02\":{\"flows\":[]}}"))).isEmpty();
    assertThat(JsonShape.differences(expected, parse("{\"00:00:00:00:00:5f:00:01\":{\"flow\":[]}}")))
        .hasSize(2);
  }

  @Test
  void aMatchMayHoldOtherFieldsButOnlyStrings() throws Exception {
    JsonNode expected = parse("{\"match\":{\"in_port\":\"1\"}}");
    assertThat(JsonShape.differences(expected, parse("{\"match\":{\"eth_type\":\"0x800\"}}"))).isEmpty();
    assertThat(JsonShape.differences(expected, parse("{\"match\":{}}"))).isEmpty();
    assertThat(JsonShape.differences(expected, parse("{\"match\":{\"eth_type\":2048}}"))).hasSize(1);
  }
}
