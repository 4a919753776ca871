package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordSplitterTest {

  private static List<String> split(String text, String wrapperKey) throws IOException {
    JsonRecordSplitter splitter = new JsonRecordSplitter(new StringReader(text), wrapperKey, 4096);
    List<String> records = new ArrayList<>();
    String record;
    while ((record = splitter.next()) != null) {
      records.add(record);
    }
    return records;
  }

  @Test
  void returnsEachElementOfTheDataArrayVerbatim() throws IOException {
    String text =
        "{\"data\":[\n{\"acc\":\"C0A0\",\"SpamScore\":1.50,\"Subject\":\"caf\\u00e9 \\\"x\\\"\"},\n"
            + "{\"acc\":\"C0A0\", \"nested\": {\"a\":[1, 2,{}]}}\n]}\n";

    assertThat(split(text, "data"))
        .containsExactly(
            "{\"acc\":\"C0A0\",\"SpamScore\":1.50,\"Subject\":\"caf\\u00e9 \\\"x\\\"\"}",
            "{\"acc\":\"C0A0\", \"nested\": {\"a\":[1, 2,{}]}}");
  }

  @Test
  void splitsTwoRecordsOnOneLine() throws IOException {
    String text = "{\"data\":[{\"a\":1},{\"b\":\"},{\"}]}";

    assertThat(split(text, "data")).containsExactly("{\"a\":1}", "{\"b\":\"},{\"}");
  }

  @Test
  void splitsTwoDocumentsOnOneLine() throws IOException {
    String text = "{\"data\":[{\"a\":1}]}{\"type\":\"MTA\",\"data\":[{\"b\":2},{\"c\":3}]}";

    assertThat(split(text, "data")).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
  }

  @Test
  void toleratesAMissingCommaBetweenRecords() throws IOException {
    assertThat(split("{\"data\":[{\"a\":1}{\"b\":2}]}", "data"))
        .containsExactly("{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void skipsWrapperFieldsBeforeAndAfterTheRecordArray() throws IOException {
    String text =
        "{\"meta\":{\"status\":200,\"data\":[\"not records\"]},\"data\":[{\"r\":1}],"
            + "\"fail\":[{\"x\":[1,2]}]}";

    assertThat(split(text, "data")).containsExactly("{\"r\":1}");
  }

  @Test
  void unwrappedObjectsAreRecordsThemselves() throws IOException {
    assertThat(split("{\"acc\":\"A\"}\n{\"acc\":\"B\"}\n", "data"))
        .containsExactly("{\"acc\":\"A\"}", "{\"acc\":\"B\"}");
  }

  @Test
  void stixObjectsComeOutOfTheBundle() throws IOException {
    String bundle =
        "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"spec_version\":\"2.0\",\"objects\":["
            + "{\"type\":\"malware\",\"id\":\"malware--1\"},"
            + "{\"type\":\"indicator\",\"id\":\"indicator--1\",\"pattern\":\"[file:hashes.'SHA-256' = 'ab']\"}]}";

    assertThat(split(bundle, "objects"))
        .containsExactly(
            "{\"type\":\"malware\",\"id\":\"malware--1\"}",
            "{\"type\":\"indicator\",\"id\":\"indicator--1\",\"pattern\":\"[file:hashes.'SHA-256' = 'ab']\"}");
  }

  @Test
  void ndjsonLinesIncludingTwoOnOneLine() throws IOException {
    String text = "{\"a\":1}\r\n\n{\"b\":2} {\"c\":{\"data\":[1]}}\n";

    assertThat(split(text, null))
        .containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":{\"data\":[1]}}");
  }

  @Test
  void aMalformedNdjsonLineIsReturnedRawAndReadingGoesOn() throws IOException {
    String text =
        "{\"a\":1}\n{\"broken\": \"no end\n{\"b\":2}\nthis is not json\n{\"c\":3,\n{\"d\":4}\n";

    assertThat(split(text, null))
        .containsExactly(
            "{\"a\":1}",
            "{\"broken\": \"no end",
            "{\"b\":2}",
            "this is not json",
            "{\"c\":3,",
            "{\"d\":4}");
  }

  @Test
  void aMalformedRecordInsideTheDataArrayIsReturnedRaw() throws IOException {
    String text = "{\"data\":[\n{\"a\":1},\n{\"a\":2,,\"x\":1},\n{\"a\":3}\n]}";

    assertThat(split(text, "data"))
        .containsExactly("{\"a\":1}", "{\"a\":2,,\"x\":1},", "{\"a\":3}");
  }

  @Test
  void aRecordCutInHalfMayTakeTheClosingBracketsWithIt() throws IOException {
    assertThat(split("{\"data\":[{\"a\":1},{\"b\":\"cu]}", "data"))
        .containsExactly("{\"a\":1}", "{\"b\":\"cu]}");
    assertThat(split("{\"data\":[\n{\"a\":1},\n{\"b\":\"cu\n]}\n", "data"))
        .containsExactly("{\"a\":1}", "{\"b\":\"cu");
  }

  @Test
  void aTruncatedLastNdjsonLineIsReturnedRaw() throws IOException {
    assertThat(split("{\"a\":1}\n{\"b\":", null)).containsExactly("{\"a\":1}", "{\"b\":");
  }

  @Test
  void aWrappedFileThatStopsInsideItsArrayIsTruncated() throws IOException {
    JsonRecordSplitter splitter =
        new JsonRecordSplitter(
            new StringReader("{\"type\":\"MTA\",\"data\":[{\"a\":1},"), "data", 4096);

    assertThat(splitter.next()).isEqualTo("{\"a\":1}");
    assertThatThrownBy(splitter::next)
        .isInstanceOf(PayloadException.class)
        .extracting(e -> ((PayloadException) e).code())
        .isEqualTo(PayloadException.TRUNCATED);
  }

  @Test
  void anEmptyCaughtUpEnvelopeHasNoRecords() throws IOException {
    assertThat(split("{\"meta\":{\"isLastToken\":true},\"data\":[],\"fail\":[]}", "data"))
        .isEmpty();
    assertThat(split("", "data")).isEmpty();
  }

  @Test
  void aRecordLongerThanTheLimitFails() {
    String text = "{\"data\":[{\"a\":\"" + "x".repeat(5000) + "\"}]}";

    assertThatThrownBy(() -> split(text, "data"))
        .isInstanceOf(PayloadException.class)
        .extracting(e -> ((PayloadException) e).code())
        .isEqualTo(PayloadException.RECORD_TOO_LONG);
  }
}
