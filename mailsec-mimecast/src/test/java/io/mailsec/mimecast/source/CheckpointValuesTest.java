package io.mailsec.mimecast.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.StreamId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointValuesTest {
  private static final StreamId STREAM = new StreamId("acme", "siem");

  @Test
  void valuesTheSourceDidNotWriteFailWithTheStreamAndTheKey() {
    CheckpointValues values =
        CheckpointValues.of(Optional.of(Checkpoint.of("line", "-3", "since", "yesterday")), STREAM);

    assertThatThrownBy(() -> values.count("line"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("acme/siem")
        .hasMessageContaining("'line'")
        .hasMessageContaining("Reset the stream's checkpoint");
    assertThatThrownBy(() -> values.instant("since")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void writtenValuesReadBackAndDefaultsAreLeftOut() {
    Instant since = Instant.parse("2024-11-13T12:07:30.250Z");
    Checkpoint written =
        new CheckpointValues.Writer()
            .put("token", "abc")
            .put("absent", null)
            .count("line", 0)
            .count("file", 12)
            .flag("done", false)
            .flag("complete", true)
            .put("since", since)
            .build();
    CheckpointValues read = CheckpointValues.of(Optional.of(written), STREAM);

    assertThat(written.values()).containsOnlyKeys("token", "file", "complete", "since");
    assertThat(read.text("token")).isEqualTo("abc");
    assertThat(read.count("line")).isZero();
    assertThat(read.count("file")).isEqualTo(12);
    assertThat(read.flag("complete")).isTrue();
    assertThat(read.flag("done")).isFalse();
    assertThat(read.instant("since")).isEqualTo(since);
    assertThat(CheckpointValues.of(Optional.empty(), STREAM).isEmpty()).isTrue();
  }
}
