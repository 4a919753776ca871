package io.mailsec.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.simulator.InjectedScenario;
import io.mailsec.simulator.SimulatorScenarios;
import io.mailsec.simulator.render.Formats;
import io.mailsec.simulator.render.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /__sim/scenarios}: {@code POST {"scenario", "at"?, "params"?}} injects a scenario (201, or
 * 200 when the same injection already existed), {@code GET} lists the injections with the ids of
 * every record they produced. Parameter values may be strings, numbers, booleans or arrays (joined
 * with commas).
 */
final class ScenarioAdmin {
  private final SimulatorScenarios scenarios;

  ScenarioAdmin(SimulatorScenarios scenarios) {
    this.scenarios = scenarios;
  }

  SimResponse handle(SimRequest request) {
    return switch (request.method()) {
      case "GET" -> SimResponse.json(200, list());
      case "POST" -> inject(request);
      default -> AdminHandler.error(405, "use GET or POST");
    };
  }

  private SimResponse inject(SimRequest request) {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(request.body());
    } catch (IOException e) {
      return usage("body must be JSON");
    }
    if (body == null || !body.path("scenario").isTextual()) {
      return usage("scenario is required");
    }
    JsonNode atNode = body.path("at");
    JsonNode paramsNode = body.path("params");
    if (!paramsNode.isMissingNode() && !paramsNode.isNull() && !paramsNode.isObject()) {
      return usage("params must be an object");
    }
    try {
      Instant at =
          atNode.isMissingNode() || atNode.isNull()
              ? null
              : SimulatorScenarios.parseTime(atNode.asText());
      Map<String, String> params = new LinkedHashMap<>();
      paramsNode.properties().forEach(e -> params.put(e.getKey(), text(e.getValue())));
      List<String> before = scenarios.injected().stream().map(InjectedScenario::id).toList();
      InjectedScenario injected = scenarios.inject(body.path("scenario").asText(), at, params);
      ObjectNode answer = Json.object();
      answer.set("scenario", describe(injected));
      return SimResponse.json(before.contains(injected.id()) ? 200 : 201, answer);
    } catch (IllegalArgumentException e) {
      return AdminHandler.error(400, e.getMessage());
    }
  }

  private static SimResponse usage(String problem) {
    return AdminHandler.error(
        400,
        problem
            + ": {\"scenario\":\"<name>\",\"at\":\"<ISO time, optional>\",\"params\":{...}};"
            + " scenarios: "
            + SimulatorScenarios.names());
  }

  private static String text(JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(item.asText()));
      return String.join(",", items);
    }
    return value.isNull() ? "" : value.asText();
  }

  private ObjectNode list() {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("scenarios");
    for (InjectedScenario injected : scenarios.injected()) {
      list.add(describe(injected));
    }
    return body;
  }

  private static ObjectNode describe(InjectedScenario injected) {
    ObjectNode item = Json.object();
    item.put("id", injected.id());
    item.put("scenario", injected.scenario());
    item.put("at", Formats.isoMillis(injected.at()));
    item.put("completeAt", Formats.isoMillis(injected.completeAt()));
    ObjectNode params = item.putObject("params");
    injected.params().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> params.put(e.getKey(), e.getValue()));
    ObjectNode facts = item.putObject("facts");
    injected.facts().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> facts.put(e.getKey(), e.getValue()));
    ArrayNode messages = item.putArray("messages");
    for (InjectedScenario.Message message : injected.messages()) {
      ObjectNode m = messages.addObject();
      m.put("simId", message.simId());
      m.put("aggregateId", message.aggregateId());
      m.put("messageId", message.messageId());
      m.put("receivedAt", Formats.isoMillis(message.receivedAt()));
      m.put("sender", message.sender());
      m.put("senderIp", message.senderIp());
      ArrayNode recipients = m.putArray("recipients");
      message.recipients().forEach(recipients::add);
      m.put("subject", message.subject());
    }
    ObjectNode records = item.putObject("records");
    for (String type :
        List.of(
            "siem",
            "ttp-url",
            "ttp-attachment",
            "ttp-impersonation",
            "dlp",
            "threat-intel",
            "audit")) {
      ArrayNode ids = records.putArray(type);
      injected.records().getOrDefault(type, List.of()).forEach(ids::add);
    }
    return item;
  }
}
