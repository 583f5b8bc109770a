package org.netservof.rest.netserv;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The OpenAPI 3 document of the API, read from the resource classes themselves: every {@code @Path} method
 * with its HTTP method, path and query parameters, request body and response schema. Record types become
 * object schemas (their components are the JSON fields), so the document cannot drift from the code.
 * A method says what it returns with {@link Returns} when its Java return type does not (asynchronous and
 * streaming methods).
 */
final class OpenApiDocument {
  private OpenApiDocument() {}

  static Map<String, Object> describe(Collection<Class<?>> resources, String version) {
    Map<String, Object> schemas = new TreeMap<>();
    Map<String, Map<String, Object>> paths = new TreeMap<>();
    for (Class<?> resource : resources) {
      String base = pathOf(resource);
      List<Method> methods = new ArrayList<>(List.of(resource.getMethods()));
      methods.sort(Comparator.comparing(Method::getName));
      for (Method m : methods) {
        String verb = verbOf(m);
        if (verb == null) {
          continue;
        }
        String path = join(base, m.isAnnotationPresent(Path.class) ? m.getAnnotation(Path.class).value() : "");
        paths.computeIfAbsent(stripRegex(path), k -> new TreeMap<>()).put(verb, operation(resource, m, schemas));
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put("info", Map.of("title", "NetServ-OF REST API", "version", version, "description",
        "Floodlight-compatible core endpoints under /wm and the NetServ API under /netserv/v1. Writes need "
            + "Authorization: Bearer TOKEN of an operator named in rest-tokens."));
    doc.put("paths", paths);
    doc.put("components", Map.of("schemas", schemas, "securitySchemes",
        Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
    return doc;
  }

  private static Map<String, Object> operation(Class<?> resource, Method m, Map<String, Object> schemas) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("operationId", resource.getSimpleName() + "." + m.getName());
    Doc doc = m.getAnnotation(Doc.class);
    if (doc != null) {
      op.put("summary", doc.value());
    }
    List<Map<String, Object>> parameters = new ArrayList<>();
    for (Parameter p : m.getParameters()) {
      if (p.isAnnotationPresent(PathParam.class)) {
        parameters.add(Map.of("name", p.getAnnotation(PathParam.class).value(), "in", "path", "required", true,
            "schema", schema(p.getParameterizedType(), schemas)));
      } else if (p.isAnnotationPresent(QueryParam.class)) {
        parameters.add(Map.of("name", p.getAnnotation(QueryParam.class).value(), "in", "query", "required", false,
            "schema", schema(p.getParameterizedType(), schemas)));
      } else if (!p.isAnnotationPresent(Context.class) && !p.isAnnotationPresent(Suspended.class)
          && p.getType() != AsyncResponse.class) {
        op.put("requestBody", Map.of("required", true, "content",
            Map.of("application/json", Map.of("schema", schema(p.getParameterizedType(), schemas)))));
      }
    }
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    String verb = verbOf(m);
    if (!"get".equals(verb) && !"head".equals(verb)) {
      op.put("security", List.of(Map.of("bearer", List.of())));
    }
    op.put("responses", responses(m, schemas));
    return op;
  }

  /** The method's answer on success (its {@link Returns}, else 200 with its return type) and the error body. */
  private static Map<String, Object> responses(Method m, Map<String, Object> schemas) {
    Returns returns = m.getAnnotation(Returns.class);
    Type type = returns != null ? returns.value() : m.getGenericReturnType();
    String media = m.isAnnotationPresent(Produces.class) ? m.getAnnotation(Produces.class).value()[0]
        : "application/json";
    Map<String, Object> ok = new LinkedHashMap<>();
    ok.put("description", returns != null && !returns.description().isEmpty() ? returns.description() : "success");
    if (type != void.class && type != Void.class && type != jakarta.ws.rs.core.Response.class) {
      ok.put("content", Map.of(media, Map.of("schema", schema(type, schemas))));
    }
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put(String.valueOf(returns != null ? returns.status() : 200), ok);
    responses.put("default", Map.of("description", "an error", "content",
        Map.of("application/json", Map.of("schema", schema(org.netservof.rest.server.ApiError.class, schemas)))));
    return responses;
  }

  /** The JSON schema of a Java type; records are added to {@code schemas} and referred to. */
  static Map<String, Object> schema(Type type, Map<String, Object> schemas) {
    if (type instanceof ParameterizedType p) {
      return generic(p, schemas);
    }
    if (!(type instanceof Class<?> c)) {
      return Map.of(); // a wildcard or type variable: anything
    }
    if (c.isEnum()) {
      List<String> values = new ArrayList<>();
      for (Object v : c.getEnumConstants()) {
        values.add(v.toString());
      }
      return Map.of("type", "string", "enum", values);
    }
    if (c.isRecord()) {
      return record(c, schemas);
    }
    return Map.of("type", scalar(c));
  }

  private static Map<String, Object> generic(ParameterizedType p, Map<String, Object> schemas) {
    Class<?> raw = (Class<?>) p.getRawType();
    Type[] args = p.getActualTypeArguments();
    if (Collection.class.isAssignableFrom(raw)) {
      return Map.of("type", "array", "items", schema(args[0], schemas));
    }
    if (Map.class.isAssignableFrom(raw)) {
      return Map.of("type", "object", "additionalProperties", schema(args[1], schemas));
    }
    if (raw == Optional.class) {
      Map<String, Object> inner = new LinkedHashMap<>(schema(args[0], schemas));
      inner.put("nullable", true);
      return inner;
    }
    return schema(raw, schemas);
  }

  /** The JSON type of a class that is neither a record nor an enum. */
  private static String scalar(Class<?> c) {
    if (c == String.class || c == java.time.Instant.class || c == java.time.Duration.class) {
      return "string";
    }
    if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
      return "integer";
    }
    if (c == double.class || c == Double.class || c == float.class) {
      return "number";
    }
    return c == boolean.class || c == Boolean.class ? "boolean" : "object";
  }

  /** A record: a strict object of its components (Optional ones not required), added once by its name. */
  private static Map<String, Object> record(Class<?> c, Map<String, Object> schemas) {
    String name = c.getSimpleName();
    if (!schemas.containsKey(name)) {
      schemas.put(name, Map.of()); // first, so a record that holds itself ends
      Map<String, Object> properties = new LinkedHashMap<>();
      List<String> required = new ArrayList<>();
      for (RecordComponent rc : c.getRecordComponents()) {
        String field = jsonName(rc);
        properties.put(field, schema(rc.getGenericType(), schemas));
        if (rc.getType() != Optional.class) {
          required.add(field);
        }
      }
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("type", "object");
      s.put("properties", properties);
      if (!required.isEmpty()) {
        s.put("required", required);
      }
      s.put("additionalProperties", false);
      schemas.put(name, s);
    }
    return Map.of("$ref", "#/components/schemas/" + name);
  }

  private static String jsonName(RecordComponent rc) {
    com.fasterxml.jackson.annotation.JsonProperty p =
        rc.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
    return p != null && !p.value().isEmpty() ? p.value() : rc.getName();
  }

  private static String verbOf(Method m) {
    for (Annotation a : m.getAnnotations()) {
      Class<? extends Annotation> t = a.annotationType();
      if (t == GET.class || t == POST.class || t == PUT.class || t == DELETE.class || t == HEAD.class) {
        return t.getSimpleName().toLowerCase();
      }
    }
    return null;
  }

  private static String pathOf(Class<?> resource) {
    Path p = resource.getAnnotation(Path.class);
    return p == null ? "" : p.value();
  }

  static String join(String base, String sub) {
    String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** {@code {dpid: [0-9a-f:]+}} in a JAX-RS path is {@code {dpid}} in OpenAPI. */
  static String stripRegex(String path) {
    return path.replaceAll("\\{\\s*([A-Za-z0-9_-]+)\\s*:[^}]*}", "{$1}");
  }
}
