package io.mailsec.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RelaxedJsonTest {

  @Test
  void parsesPythonDictSyntax() throws Exception {
    JsonNode node =
        RelaxedJson.parse(
            "{'data': [{'compress': True, 'oldestFirst': False, 'token': None, 'n': 5}]}");

    JsonNode item = node.path("data").get(0);
    assertThat(item.path("compress").asBoolean()).isTrue();
    assertThat(item.path("oldestFirst").isBoolean()).isTrue();
    assertThat(item.path("token").isNull()).isTrue();
    assertThat(item.path("n").asInt()).isEqualTo(5);
  }

  @Test
  void leavesStringsAlone() throws Exception {
    JsonNode node = RelaxedJson.parse("{\"q\": \"True or False? None's 'quoted' \\\" True\"}");
    assertThat(node.path("q").asText()).isEqualTo("True or False? None's 'quoted' \" True");
  }

  @Test
  void strictJsonStillWorksAndBlankIsNull() throws Exception {
    assertThat(RelaxedJson.parse("{\"a\":true}").path("a").asBoolean()).isTrue();
    assertThat(RelaxedJson.parse("  ")).isNull();
  }
}
