package io.mailsec.server.web;

import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3 document of the server, built from its {@link RouteTable}: so it lists exactly the
 * registered routes, with who may call them ({@code x-mailsec-role}), the security schemes, path
 * parameters and the common error body. Request and response shapes are described in
 * docs/rest-api.md.
 */
final class OpenApi {
  private static final Pattern PARAM = Pattern.compile("\\{([^}/]+)}");

  private OpenApi() {}

  static Map<String, Object> document(List<Route> routes, String version) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put(
        "info",
        Map.of(
            "title",
            "mailsec API",
            "version",
            version,
            "description",
            "Email-security analytics for Mimecast. Errors are {\"error\":{\"code\",\"message\"}}."
                + " Sessions need the X-CSRF-Token header on POST, PUT, PATCH and DELETE."));
    Map<String, Object> paths = new LinkedHashMap<>();
    for (Route route : routes) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item =
          (Map<String, Object>) paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<>());
      item.put(route.method().name().toLowerCase(Locale.ROOT), operation(route));
    }
    doc.put("paths", paths);
    Map<String, Object> schemes = new LinkedHashMap<>();
    schemes.put(
        "session", Map.of("type", "apiKey", "in", "cookie", "name", AccessControl.SESSION_COOKIE));
    schemes.put("token", Map.of("type", "http", "scheme", "bearer"));
    Map<String, Object> error =
        Map.of(
            "type",
            "object",
            "properties",
            Map.of(
                "error",
                Map.of(
                    "type",
                    "object",
                    "required",
                    List.of("code", "message"),
                    "properties",
                    Map.of(
                        "code", Map.of("type", "string"),
                        "message", Map.of("type", "string"),
                        "line", Map.of("type", "integer"),
                        "column", Map.of("type", "integer"),
                        "suggestion", Map.of("type", "string"),
                        "fields",
                            Map.of(
                                "type",
                                "object",
                                "additionalProperties",
                                Map.of("type", "string"))))));
    doc.put("components", Map.of("securitySchemes", schemes, "schemas", Map.of("Error", error)));
    return doc;
  }

  private static Map<String, Object> operation(Route route) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("summary", route.summary());
    op.put("operationId", operationId(route));
    List<Object> parameters = new ArrayList<>();
    Matcher m = PARAM.matcher(route.path());
    while (m.find()) {
      parameters.add(
          Map.of(
              "name",
              m.group(1),
              "in",
              "path",
              "required",
              true,
              "schema",
              Map.of("type", "string")));
    }
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    if (route.method().equals(HandlerType.POST)
        || route.method().equals(HandlerType.PUT)
        || route.method().equals(HandlerType.PATCH)) {
      op.put(
          "requestBody",
          Map.of(
              "required",
              !route.path().endsWith("/enable")
                  && !route.path().endsWith("/disable")
                  && !route.path().endsWith("/logout")
                  && !route.path().endsWith("{id}/test"),
              "content",
              Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
    }
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put("200", Map.of("description", "success"));
    Map<String, Object> errorContent =
        Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error")));
    responses.put("400", Map.of("description", "invalid request", "content", errorContent));
    if (!route.open()) {
      responses.put("401", Map.of("description", "not authenticated", "content", errorContent));
      responses.put(
          "403",
          Map.of("description", "role too low or CSRF header missing", "content", errorContent));
      op.put("security", List.of(Map.of("session", List.of()), Map.of("token", List.of())));
      op.put("x-mailsec-role", route.role().id());
    } else {
      op.put("security", List.of());
      op.put("x-mailsec-role", "open");
    }
    op.put("responses", responses);
    return op;
  }

  private static String operationId(Route route) {
    StringBuilder id = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
    for (String part : route.path().split("[/.{}-]+")) {
      if (part.isEmpty() || part.equals("api") || part.equals("v1")) {
        continue;
      }
      id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return id.toString();
  }
}
