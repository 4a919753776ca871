package io.mailsec.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.mailsec.core.ql.QueryError;
import io.mailsec.core.ql.QuerySyntaxException;
import io.mailsec.server.auth.InvalidInputException;
import io.mailsec.server.auth.UserStore;
import io.mailsec.server.config.InvalidIntegrationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the contract's error body {@code {"error":{"code","message",...}}}.
 * Known failures become a 4xx with a message for the client; anything unexpected is logged with a
 * correlation id and answered with a generic 500 that carries only that id, never a stack trace or
 * an exception message.
 */
final class ErrorMapping {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  private ErrorMapping() {}

  static void install(JavalinConfig cfg) {
    cfg.routes.exception(ApiException.class, (e, ctx) -> write(ctx, e));
    cfg.routes.exception(QuerySyntaxException.class, (e, ctx) -> write(ctx, queryError(e.error())));
    cfg.routes.exception(
        InvalidIntegrationException.class,
        (e, ctx) -> write(ctx, ApiException.invalid(IntegrationFields.byField(e.problems()))));
    cfg.routes.exception(
        InvalidInputException.class, (e, ctx) -> write(ctx, ApiException.invalid(e.fields())));
    cfg.routes.exception(
        UserStore.UnknownUserException.class,
        (e, ctx) -> write(ctx, ApiException.notFound(e.getMessage())));
    cfg.routes.exception(
        HttpResponseException.class,
        (e, ctx) ->
            write(ctx, new ApiException(e.getStatus(), codeOf(e.getStatus()), e.getMessage())));
    cfg.routes.exception(Exception.class, (e, ctx) -> unexpected(ctx, e));
    cfg.router.javaLangErrorHandler(
        (res, error) -> {
          String id = UUID.randomUUID().toString();
          LOG.error("internal error {} (a java.lang.Error)", id, error);
          res.setStatus(500);
          res.setContentType("application/json");
          try {
            res.getOutputStream().write(Json.MAPPER.writeValueAsBytes(internal(id)));
          } catch (java.io.IOException ignored) {
            // the client went away
          }
        });
    for (int status : List.of(400, 401, 403, 404, 405, 413, 414, 415, 429, 431, 500, 503)) {
      cfg.routes.error(
          status,
          ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
              ctx.json(body(codeOf(status), defaultMessage(status), Map.of()));
            }
          });
    }
  }

  static ApiException queryError(QueryError error) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("line", error.line());
    extra.put("column", error.column());
    extra.put("offset", error.offset());
    String message = error.message();
    int hint = message.toLowerCase(Locale.ROOT).lastIndexOf("did you mean ");
    if (hint >= 0) {
      String suggestion = message.substring(hint + "did you mean ".length()).strip();
      if (suggestion.endsWith("?")) {
        suggestion = suggestion.substring(0, suggestion.length() - 1);
      }
      extra.put("suggestion", suggestion);
    }
    return new ApiException(400, "query_error", message, extra);
  }

  static void write(Context ctx, ApiException e) {
    ctx.status(e.status());
    ctx.json(body(e.code(), e.getMessage(), e.extra()));
  }

  private static void unexpected(Context ctx, Exception e) {
    String id = UUID.randomUUID().toString();
    LOG.error("internal error {} on {} {}", id, ctx.method(), ctx.path(), e);
    ctx.status(500);
    ctx.json(internal(id));
  }

  private static Map<String, Object> internal(String id) {
    return body(
        "internal",
        "internal error; the server log has the details under this correlation id",
        Map.of("correlationId", id));
  }

  static Map<String, Object> body(String code, String message, Map<String, Object> extra) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.putAll(extra);
    return Map.of("error", error);
  }

  private static String codeOf(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      case 429 -> "throttled";
      case 500 -> "internal";
      case 503 -> "unavailable";
      default -> "http_" + status;
    };
  }

  private static String defaultMessage(int status) {
    return switch (status) {
      case 404 -> "no such endpoint or resource";
      case 405 -> "method not allowed here";
      case 413 -> "the request body is too large";
      default -> "request failed (" + status + ")";
    };
  }
}
