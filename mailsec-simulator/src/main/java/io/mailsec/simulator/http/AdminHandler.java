package io.mailsec.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.simulator.ArmedFault;
import io.mailsec.simulator.FaultType;
import io.mailsec.simulator.SimulatorFaults;
import io.mailsec.simulator.SimulatorScenarios;
import io.mailsec.simulator.render.Json;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The test-only admin surface under {@code /__sim/}: health, fault switches, scenario injection and
 * ground truth. It needs no authentication, is never rate limited and never faulted; it exists for
 * tests and demos and is not part of the Mimecast API.
 */
final class AdminHandler {
  private final SimContext context;
  private final SimulatorFaults faults;
  private final GroundTruth groundTruth;
  private final ScenarioAdmin scenarios;

  AdminHandler(SimContext context, SimulatorFaults faults, SimulatorScenarios scenarios) {
    this.context = context;
    this.faults = faults;
    this.groundTruth = new GroundTruth(context.account);
    this.scenarios = new ScenarioAdmin(scenarios);
  }

  SimResponse handle(SimRequest request) {
    String path = request.path();
    String method = request.method();
    switch (path) {
      case "/__sim/health" -> {
        ObjectNode body = Json.object();
        body.put("status", "ok");
        return SimResponse.json(200, body);
      }
      case "/__sim/faults" -> {
        return switch (method) {
          case "GET" -> SimResponse.json(200, faultList());
          case "POST" -> arm(request);
          case "DELETE" -> {
            faults.clear();
            yield SimResponse.json(200, faultList());
          }
          default -> error(405, "use GET, POST or DELETE");
        };
      }
      case "/__sim/scenarios" -> {
        return scenarios.handle(request);
      }
      case "/__sim/ground-truth" -> {
        if (!method.equals("GET")) {
          return error(405, "use GET");
        }
        return groundTruth.respond(request, context.now());
      }
      default -> {
        return error(
            404,
            "unknown admin path; see /__sim/health, /__sim/faults, /__sim/scenarios,"
                + " /__sim/ground-truth");
      }
    }
  }

  private SimResponse arm(SimRequest request) {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(request.body());
    } catch (IOException e) {
      return error(400, "body must be JSON: {\"name\":..., \"times\":N, \"path\":\"/prefix\"}");
    }
    if (body == null || !body.path("name").isTextual()) {
      return error(400, "name is required; known: " + FaultType.allSpecNames());
    }
    Optional<FaultType> type = FaultType.fromSpecName(body.path("name").asText());
    if (type.isEmpty()) {
      return error(
          400,
          "unknown fault '" + body.path("name").asText() + "'; known: " + FaultType.allSpecNames());
    }
    int times = body.path("times").isMissingNode() ? 1 : body.path("times").asInt(0);
    String path = body.path("path").isTextual() ? body.path("path").asText() : null;
    try {
      faults.arm(type.get(), times, path);
    } catch (IllegalArgumentException e) {
      return error(400, e.getMessage());
    }
    return SimResponse.json(201, faultList());
  }

  private ObjectNode faultList() {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("faults");
    List<ArmedFault> armed = faults.armed();
    for (ArmedFault fault : armed) {
      ObjectNode item = list.addObject();
      item.put("name", fault.type().specName());
      item.put("remaining", fault.remaining());
      if (fault.pathPrefix() == null) {
        item.putNull("path");
      } else {
        item.put("path", fault.pathPrefix());
      }
    }
    return body;
  }

  static SimResponse error(int status, String message) {
    ObjectNode body = Json.object();
    body.put("error", message);
    return SimResponse.json(status, body);
  }
}
