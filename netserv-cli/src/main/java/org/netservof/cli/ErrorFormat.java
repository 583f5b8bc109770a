package org.netservof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The one-line message for an error response. The NetServ API answers {@code {"status","error","detail"}}; a
 * Floodlight-style endpoint or a proxy may answer anything else (an empty 400, an HTML page), and the
 * operator still needs the status and the gist of the body.
 */
final class ErrorFormat {
  private static final int MAX_BODY = 300;
  // HttpClient does not give the reason phrase; these are the ones this API uses.
  private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(400, "Bad Request"),
      Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
      Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"), Map.entry(409, "Conflict"),
      Map.entry(415, "Unsupported Media Type"), Map.entry(422, "Unprocessable Entity"),
      Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

  private ErrorFormat() {}

  /** {@code 401 Unauthorized: <detail>}, without the {@code error: } prefix that {@link CtlMain} adds. */
  static String format(int status, String body, ObjectMapper json) {
    JsonNode tree = parse(body, json);
    if (tree != null && tree.isObject() && (tree.has("error") || tree.has("detail"))) {
      String error = JsonText.text(tree, "error");
      String detail = JsonText.text(tree, "detail");
      String code = tree.path("status").isNumber() ? tree.get("status").asText() : String.valueOf(status);
      return code + " " + (error != null ? error : reason(status)) + ": " + (detail != null ? detail : "-");
    }
    return status + " " + reason(status) + ": " + summary(body);
  }

  static String reason(int status) {
    return REASONS.getOrDefault(status, "HTTP " + status);
  }

  private static String summary(String body) {
    if (body == null || body.isBlank()) {
      return "(no body)";
    }
    String one = body.strip().replaceAll("\\s+", " ");
    return one.length() <= MAX_BODY ? one : one.substring(0, MAX_BODY) + "...";
  }

  private static JsonNode parse(String body, ObjectMapper json) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
