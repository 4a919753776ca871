package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void cutsArrayElementsOutOfTheTextVerbatim() {
    String text =
        "{\"meta\":{\"pagination\":{\"next\":\"t\"}},\"data\":[{\"clickLogs\":["
            + "{\"url\":\"https://x/\\u00e9\",  \"n\": 1.0e3 },{\"a\":[1,{}]}]}],\"fail\":[]}";

    assertThat(Json.rawArrayElements(text, "t", "data", 0, "clickLogs"))
        .containsExactly("{\"url\":\"https://x/\\u00e9\",  \"n\": 1.0e3 }", "{\"a\":[1,{}]}");
  }

  @Test
  void missingOrEmptyPathsGiveNoElements() {
    assertThat(Json.rawArrayElements("{\"data\":[]}", "t", "data", 0, "clickLogs")).isEmpty();
    assertThat(Json.rawArrayElements("{\"other\":1}", "t", "data")).isEmpty();
    assertThat(Json.rawArrayElements("{\"value\":[\"s\",2,null]}", "t", "value"))
        .containsExactly("\"s\"", "2", "null");
  }
}
