package io.mailsec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSettingsTest {
  @TempDir Path dir;

  private StoreSettings read(String content) throws IOException {
    Files.writeString(dir.resolve(StoreSettings.FILE_NAME), content);
    return StoreSettings.read(dir);
  }

  @Test
  void withoutTheFileTheSubstringIndexIsOn() {
    assertThat(StoreSettings.read(dir).substringIndex()).isTrue();
  }

  @Test
  void substringIndexCanBeSwitchedOffInAnyCase() throws IOException {
    assertThat(read("# ingest speed over CONTAINS\nsubstring-index = OFF\n").substringIndex())
        .isFalse();
    assertThat(read("substring-index=on").substringIndex()).isTrue();
    assertThat(read("").substringIndex()).isTrue();
  }

  @Test
  void typosFailTheOpeningInsteadOfKeepingTheDefault() {
    assertThatThrownBy(() -> read("substring-index = no"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be on or off, not 'no'");
    assertThatThrownBy(() -> read("substring_index = off"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown setting 'substring_index'");
  }
}
