package org.netservof.rest.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.netservof.bridge.api.DeploymentException;
import org.netservof.bridge.api.SteeringException;
import org.netservof.controller.util.RepeatedFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The one exception mapper: every failure becomes an {@link ApiError} with the right status. Bad JSON and
 * failed validation (a record's constructor refusing a value) are 400; a state the request conflicts with
 * (steering refusing) is 409; a switch that refused or did not answer is 502 or 504; anything else is a bug,
 * logged with its stack, and 500.
 */
public final class ApiErrors implements ExceptionMapper<Throwable> {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
  /** A client that keeps hitting the same bug is one trace, then a count per interval, not a trace per request. */
  private final RepeatedFailures bugs = RepeatedFailures.of(log, Level.ERROR);

  @Override
  public Response toResponse(Throwable thrown) {
    Throwable t = unwrap(thrown);
    if (t instanceof WebApplicationException w) {
      Response.StatusType status = w.getResponse().getStatusInfo();
      // Jersey's own 404/405/415 carry messages like "HTTP 404 Not Found": say what was asked instead.
      String detail = w.getMessage() == null || w.getMessage().startsWith("HTTP ") ? status.getReasonPhrase()
          : w.getMessage();
      return respond(status.getStatusCode(), detail, w.getResponse());
    }
    if (t instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException v && v.getCause() != null) {
      Throwable cause = v.getCause(); // a record's constructor refused what the JSON held
      return respond(400, cause instanceof NullPointerException ? "missing field '" + cause.getMessage() + "'"
          : cause.getMessage(), null);
    }
    if (t instanceof UnrecognizedPropertyException u) {
      return respond(400, "unknown field '" + u.getPropertyName() + "'" + where(u), null);
    }
    if (t instanceof JsonProcessingException j) {
      return respond(400, "malformed JSON: " + j.getOriginalMessage() + where(j), null);
    }
    if (t instanceof IllegalArgumentException) {
      return respond(400, t.getMessage(), null);
    }
    if (t instanceof NullPointerException && isValidation(t)) {
      return respond(400, "missing field '" + t.getMessage() + "'", null);
    }
    Response fromBridge = bridgeOrSwitch(t);
    if (fromBridge != null) {
      return fromBridge;
    }
    bugs.report(t.getClass(), t, "REST request failed: {}", t.toString());
    return respond(500, "internal error: " + t.getClass().getSimpleName() + "; see the controller log", null);
  }

  /** The NetServ bridge's and the switches' refusals, or null for anything else. */
  private static Response bridgeOrSwitch(Throwable t) {
    if (t instanceof DeploymentException d) {
      return respond(d.status(), d.getMessage(), null);
    }
    if (t instanceof SteeringException) {
      return respond(409, t.getMessage(), null);
    }
    if (t instanceof org.netservof.controller.api.store.StoreUnavailableException) {
      log.error("REST request refused: {}", t.getMessage());
      return respond(503, t.getMessage(), null); // the change was not made; the message says what to do
    }
    if (t instanceof java.util.concurrent.TimeoutException) {
      return respond(504, "no answer in time: " + t.getMessage(), null);
    }
    if (t instanceof org.netservof.controller.api.OFErrorException
        || t instanceof org.netservof.controller.api.SwitchDisconnectedException) {
      return respond(502, t.getMessage(), null);
    }
    return null;
  }

  /** An error response with the JSON body; headers of the original (WWW-Authenticate, Allow) are kept. */
  public static Response respond(int status, String detail, Response original) {
    Response.ResponseBuilder b = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError(status, Response.Status.fromStatusCode(status) == null ? "Error"
            : Response.Status.fromStatusCode(status).getReasonPhrase(), detail));
    if (original != null) {
      original.getStringHeaders().forEach((name, values) -> {
        if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
          values.forEach(v -> b.header(name, v));
        }
      });
    }
    return b.build();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while (cur.getCause() != null && (cur instanceof CompletionException || cur instanceof ExecutionException
        || cur instanceof ProcessingException
        // Jersey wraps a body its reader could not read in a 400; the reader's reason is the detail.
        || cur instanceof WebApplicationException && cur.getCause() instanceof JsonProcessingException)) {
      cur = cur.getCause();
    }
    return cur;
  }

  /** Records refuse missing fields with {@code Objects.requireNonNull(x, "field")}. */
  private static boolean isValidation(Throwable t) {
    return t.getMessage() != null && !t.getMessage().isBlank() && t.getStackTrace().length > 0
        && t.getStackTrace()[0].getClassName().equals("java.util.Objects");
  }

  private static String where(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr() + ")";
  }
}
