package org.netservof.rest.netserv;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code GET /netserv/v1/openapi.json}: the OpenAPI 3 document of the whole API, read from its resources. */
@Path("/netserv/v1/openapi.json")
@Produces(MediaType.APPLICATION_JSON)
public final class OpenApiResource {
  static final String API_VERSION = "1";
  private final Map<String, Object> document;

  /** The resource classes the document describes (a type of its own: Jersey cannot resolve a generic List). */
  public record Described(List<Class<?>> classes) {}

  public OpenApiResource(Described resources) {
    List<Class<?>> all = new java.util.ArrayList<>(resources.classes());
    all.add(OpenApiResource.class);
    this.document = OpenApiDocument.describe(all, API_VERSION);
  }

  @GET
  @Doc("The OpenAPI 3 document of this API")
  @Returns(value = Map.class, description = "the OpenAPI document")
  public Map<String, Object> document() {
    return document;
  }
}
