package io.mailsec.normalize.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class KeyValueLineTest {
  @Test
  void splitsPairsAndKeepsPipesAndEqualsInsideValues() {
    ObjectNode r =
        KeyValueLine.parse(
            "datetime=2019-11-25T13:45:02+0200|Subject=a | b = c|MsgId=<x=y@z>|Empty=|Last=v\r\n");
    assertThat(r.get("datetime").asText()).isEqualTo("2019-11-25T13:45:02+0200");
    assertThat(r.get("Subject").asText()).isEqualTo("a | b = c");
    assertThat(r.get("MsgId").asText()).isEqualTo("<x=y@z>");
    assertThat(r.get("Empty").asText()).isEmpty();
    assertThat(r.get("Last").asText()).isEqualTo("v");
  }

  @Test
  void rejectsTextThatIsNotPairs() {
    assertThatThrownBy(() -> KeyValueLine.parse("hello world"))
        .isInstanceOf(RecordRejected.class)
        .hasMessageContaining("not a key_value line");
    assertThatThrownBy(() -> KeyValueLine.parse(" \r\n")).hasMessage("empty record");
  }
}
