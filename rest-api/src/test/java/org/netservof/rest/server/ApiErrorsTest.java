package org.netservof.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.SteeringException;
import org.netservof.rest.netserv.ServiceCreate;

class ApiErrorsTest {
  private final ApiErrors errors = new ApiErrors();

  private ApiError body(Response r) {
    return (ApiError) r.getEntity();
  }

  @Test
  void mapsEachKindOfFailureToItsStatusWithAJsonBody() {
    Response notFound = errors.toResponse(new NotFoundException("no service 7"));
    assertThat(notFound.getStatus()).isEqualTo(404);
    assertThat(body(notFound)).isEqualTo(new ApiError(404, "Not Found", "no service 7"));
    assertThat(errors.toResponse(new IllegalArgumentException("mode must be reactive")).getStatus()).isEqualTo(400);
    assertThat(errors.toResponse(new CompletionException(new SteeringException("pool 'p' has no nodes")))
        .getStatus()).isEqualTo(409);
    assertThat(errors.toResponse(new java.util.concurrent.TimeoutException("switch 1")).getStatus()).isEqualTo(504);
    Response bug = errors.toResponse(new IllegalStateException("oops"));
    assertThat(bug.getStatus()).isEqualTo(500);
    assertThat(body(bug).detail()).doesNotContain("oops").contains("controller log");
  }

  @Test
  void aStoreThatCannotWriteIs503WithItsMessage() {
    String why = "the intent store /var/lib/netserv/intent.mv.db could not be written (No space left on device), "
        + "so the change to 'services' was not made: free disk space or make the path writable, then restart "
        + "the controller";
    Response r = errors.toResponse(new CompletionException(
        new org.netservof.controller.api.store.StoreUnavailableException(why, null)));
    assertThat(r.getStatus()).isEqualTo(503);
    assertThat(body(r)).isEqualTo(new ApiError(503, "Service Unavailable", why));
  }

  @Test
  void badJsonUnknownFieldsAndRefusedValuesAre400WithWhatWasWrong() {
    ObjectMapper json = JsonMapper.create();
    Exception malformed = parse(json, "{\"name\": ");
    assertThat(body(errors.toResponse(malformed)).detail()).startsWith("malformed JSON");
    Exception unknown = parse(json, "{\"name\":\"a\",\"filter\":{\"protocol\":\"udp\"},\"pool\":\"p\",\"colour\":1}");
    assertThat(errors.toResponse(unknown).getStatus()).isEqualTo(400);
    assertThat(body(errors.toResponse(unknown)).detail()).startsWith("unknown field 'colour' (line 1");
    Exception missing = parse(json, "{\"filter\":{\"protocol\":\"udp\"},\"pool\":\"p\"}");
    assertThat(body(errors.toResponse(missing)).detail()).isEqualTo("missing field 'name'");
    Exception both = parse(json, "{\"name\":\"a\",\"filter\":{\"protocol\":\"udp\"},\"pool\":\"p\",\"node\":\"n1\"}");
    assertThat(body(errors.toResponse(both)).detail()).isEqualTo("name exactly one of 'pool' and 'node'");
  }

  private static Exception parse(ObjectMapper json, String text) {
    try {
      json.readValue(text, ServiceCreate.class);
      throw new AssertionError("parsed: " + text);
    } catch (Exception e) {
      return e;
    }
  }
}
