package org.netservof.rest.netserv;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netservof.rest.floodlight.CoreResource;

/** The OpenAPI document against the resource classes it is read from. */
class OpenApiDocumentTest {
  private static final List<Class<?>> RESOURCES = List.of(CoreResource.class, ServicesResource.class,
      NodesResource.class, DeploymentsResource.class, UsersResource.class, SignalingResource.class, AuditResource.class,
      EventsResource.class, ClusterResource.class);

  @Test
  @SuppressWarnings("unchecked")
  void everyResourceMethodIsInTheDocumentWithItsVerbAndEveryOperationHasASummary() {
    Map<String, Object> doc = OpenApiDocument.describe(RESOURCES, "1");
    Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
    List<String> expected = new ArrayList<>();
    for (Class<?> resource : RESOURCES) {
      String base = resource.getAnnotation(Path.class).value();
      for (Method m : resource.getMethods()) {
        String verb = m.isAnnotationPresent(GET.class) ? "get" : m.isAnnotationPresent(POST.class) ? "post"
            : m.isAnnotationPresent(DELETE.class) ? "delete" : null;
        if (verb != null) {
          String sub = m.isAnnotationPresent(Path.class) ? m.getAnnotation(Path.class).value() : "";
          expected.add(verb + " " + OpenApiDocument.stripRegex(OpenApiDocument.join(base, sub)));
          assertThat(m.getAnnotation(Doc.class)).as(resource.getSimpleName() + "." + m.getName() + " has @Doc")
              .isNotNull();
        }
      }
    }
    List<String> documented = new ArrayList<>();
    paths.forEach((path, ops) -> ops.keySet().forEach(verb -> documented.add(verb + " " + path)));
    assertThat(documented).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(paths.get("/netserv/v1/services").get("post")).containsKeys("requestBody", "security");
    assertThat(paths.get("/netserv/v1/services").get("get")).doesNotContainKey("security");
  }

  @Test
  @SuppressWarnings("unchecked")
  void recordsBecomeStrictObjectSchemasWithTheirComponentsAsFields() {
    Map<String, Object> doc = OpenApiDocument.describe(RESOURCES, "1");
    Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
    Map<String, Object> create = (Map<String, Object>) schemas.get("ServiceCreate");
    assertThat(((Map<String, Object>) create.get("properties")).keySet())
        .containsExactly("name", "filter", "pool", "node", "mode", "ttlSeconds", "user", "module");
    assertThat((List<String>) create.get("required")).containsExactly("name", "filter");
    assertThat(create.get("additionalProperties")).isEqualTo(false);
    assertThat(schemas).containsKeys("FilterJson", "ModuleJson", "ServiceView", "ApiError", "NodeJson", "DeploymentJson");
  }

  @Test
  void jaxRsPathRegexesBecomePlainTemplates() {
    assertThat(OpenApiDocument.stripRegex("/wm/core/switch/{dpid: [0-9a-f:]+}/{stat}/json"))
        .isEqualTo("/wm/core/switch/{dpid}/{stat}/json");
    assertThat(OpenApiDocument.join("/netserv/v1/", "/nodes/{id}/")).isEqualTo("/netserv/v1/nodes/{id}");
  }
}
