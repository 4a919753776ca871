package io.mailsec.server.web;

import io.javalin.http.Context;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.server.auth.Role;
import io.mailsec.server.collect.BackfillJobView;
import io.mailsec.server.collect.BackfillManager;
import io.mailsec.server.config.IntegrationConfig;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Backfills of an integration (docs/rest-api.md): admins start and cancel, viewers follow the
 * progress. Without a backfill manager (a server that does not collect) every route answers 503.
 */
final class BackfillRoutes implements RouteGroup, AutoCloseable {
  private static final String BASE = "/api/v1/integrations/{id}/backfills";

  private final Services services;
  private final Supplier<BackfillManager> factory;
  private BackfillManager manager;

  /**
   * @param factory builds the manager on first use; returns null when backfills are not available
   */
  BackfillRoutes(Services services, Supplier<BackfillManager> factory) {
    this.services = services;
    this.factory = factory;
  }

  /** {@code from}, {@code to}: ISO-8601 instants; {@code dataTypes}: absent or empty for all. */
  record StartBody(String from, String to, List<String> dataTypes) {}

  @Override
  public void addTo(RouteTable routes) {
    routes
        .get(BASE, Role.VIEWER, "Backfills of an integration, newest first", this::list)
        .post(
            BASE,
            Role.ADMIN,
            "Start a backfill: {from, to, dataTypes?}; the answer says the range each type gets",
            this::start)
        .get(BASE + "/{jobId}", Role.VIEWER, "One backfill with its progress per type", this::get)
        .post(
            BASE + "/{jobId}/cancel",
            Role.ADMIN,
            "Cancel a backfill after the batch in flight",
            this::cancel);
  }

  private synchronized BackfillManager manager() {
    if (manager == null) {
      manager = factory.get();
      if (manager == null) {
        throw new ApiException(
            503,
            "unavailable",
            "backfills need the server's collection; start the server with mailsec serve");
      }
    }
    return manager;
  }

  private IntegrationConfig integration(Context ctx) {
    String id = ctx.pathParam("id");
    return services
        .dir()
        .integrations()
        .find(id)
        .orElseThrow(() -> ApiException.notFound("no integration '" + Json.clip(id) + "'"));
  }

  private void list(Context ctx) {
    IntegrationConfig i = integration(ctx);
    ctx.json(Map.of("backfills", manager().list(i.id())));
  }

  private void get(Context ctx) {
    IntegrationConfig i = integration(ctx);
    String jobId = ctx.pathParam("jobId");
    ctx.json(
        manager()
            .get(i.id(), jobId)
            .orElseThrow(() -> ApiException.notFound("no backfill '" + Json.clip(jobId) + "'")));
  }

  private void start(Context ctx) {
    IntegrationConfig i = integration(ctx);
    StartBody body = Json.body(ctx, StartBody.class);
    Map<String, String> problems = new LinkedHashMap<>();
    Instant from = instant(body.from(), "from", problems);
    Instant to = instant(body.to(), "to", problems);
    if (from != null && to != null) {
      if (!from.isBefore(to)) {
        problems.put("to", "must be after 'from' (" + from + ")");
      } else if (to.isAfter(services.clock().instant())) {
        problems.put("to", "is in the future; a backfill ends at the latest now");
      }
    }
    String typeProblem = dataTypeProblem(body.dataTypes(), i);
    if (typeProblem != null) {
      problems.put("dataTypes", typeProblem);
    }
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    BackfillJobView job;
    try {
      job =
          manager()
              .start(i.id(), body.dataTypes(), from, to, AccessControl.principal(ctx).username());
    } catch (NoSuchElementException e) {
      throw ApiException.notFound(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    } catch (IllegalStateException e) {
      throw new ApiException(409, "conflict", e.getMessage());
    }
    services.audit(
        ctx,
        "integration.backfill",
        i.id(),
        "ok",
        Map.of("job", job.id(), "from", from.toString(), "to", to.toString()));
    ctx.status(201);
    ctx.json(job);
  }

  private void cancel(Context ctx) {
    IntegrationConfig i = integration(ctx);
    String jobId = ctx.pathParam("jobId");
    BackfillJobView job =
        manager()
            .cancel(i.id(), jobId)
            .orElseThrow(() -> ApiException.notFound("no backfill '" + Json.clip(jobId) + "'"));
    services.audit(ctx, "integration.backfill.cancel", i.id(), "ok", Map.of("job", jobId));
    ctx.json(job);
  }

  /**
   * A validation error whose message lists every problem, so that a client showing only the message
   * (the console) still says what to fix; {@code fields} carries them one by one.
   */
  private static ApiException invalid(Map<String, String> problems) {
    StringBuilder message = new StringBuilder();
    problems.forEach(
        (field, problem) ->
            message
                .append(message.length() == 0 ? "" : "; ")
                .append(field)
                .append(": ")
                .append(problem));
    return new ApiException(
        400, "validation", message.toString(), Map.of("fields", new LinkedHashMap<>(problems)));
  }

  /** Why the requested data types cannot be backfilled for this integration, or null. */
  private static String dataTypeProblem(List<String> requested, IntegrationConfig integration) {
    if (requested == null) {
      return null;
    }
    List<String> known = Arrays.stream(DataType.values()).map(DataType::id).toList();
    List<String> unknown =
        requested.stream()
            .filter(id -> !known.contains(id))
            .map(id -> Json.clip(String.valueOf(id)))
            .toList();
    if (!unknown.isEmpty()) {
      return "unknown data type "
          + String.join(", ", unknown)
          + "; known: "
          + String.join(", ", known);
    }
    List<String> collected = integration.dataTypes().stream().map(DataType::id).sorted().toList();
    List<String> notCollected = requested.stream().filter(id -> !collected.contains(id)).toList();
    if (!notCollected.isEmpty()) {
      return "integration "
          + integration.id()
          + " does not collect "
          + String.join(", ", notCollected)
          + "; its data types are "
          + String.join(", ", collected);
    }
    return null;
  }

  private static Instant instant(String text, String field, Map<String, String> problems) {
    if (text == null || text.isBlank()) {
      problems.put(field, "required: an ISO-8601 instant such as 2026-01-31T08:00:00Z");
      return null;
    }
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      problems.put(field, "not an ISO-8601 instant such as 2026-01-31T08:00:00Z");
      return null;
    }
  }

  @Override
  public synchronized void close() {
    if (manager != null) {
      manager.close();
    }
  }
}
