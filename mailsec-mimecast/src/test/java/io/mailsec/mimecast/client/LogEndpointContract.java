package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The contract shared by the paged {@code /api/...} log endpoints (TTP, DLP): a client paging to
 * the end gets exactly the simulator's ground truth. Records are matched by key fields named from
 * the reference document, followed by the epoch second of their time field.
 */
final class LogEndpointContract {
  private LogEndpointContract() {}

  /**
   * Follows next tokens to the end. The simulator serves empty pages with a next token in the
   * middle of the data, so only a missing token (or many empty pages in a row) ends the paging.
   */
  static List<RawRecord> pageThrough(Function<String, LogPage> fetch) {
    List<RawRecord> records = new ArrayList<>();
    String token = null;
    int emptyInARow = 0;
    for (int pages = 0; pages < 10_000; pages++) {
      LogPage page = fetch.apply(token);
      records.addAll(page.records());
      emptyInARow = page.records().isEmpty() ? emptyInARow + 1 : 0;
      if (!page.hasMore() || emptyInARow > 5) {
        return records;
      }
      token = page.nextPageToken();
    }
    throw new AssertionError("paging did not end");
  }

  /**
   * Pages to the end and checks the records against the ground truth of {@code truthType}.
   *
   * @param truthFields the ground-truth key fields, ending with {@code epochSecond}
   * @param recordFields the record fields that correspond to {@code truthFields} except the last
   * @param timeField the record field whose epoch second corresponds to {@code epochSecond}
   * @return the records, for further checks
   */
  static List<RawRecord> assertPagesToGroundTruth(
      SimulatorHarness harness,
      String truthType,
      List<String> truthFields,
      List<String> recordFields,
      String timeField,
      Function<String, LogPage> fetch) {
    List<String> truth =
        RecordKeys.truth(harness.groundTruth(truthType), truthFields.toArray(String[]::new));
    List<RawRecord> records = pageThrough(fetch);
    assertThat(truth).isNotEmpty();
    assertThat(records)
        .extracting(r -> key(RecordKeys.json(r), recordFields, timeField))
        .containsExactlyInAnyOrderElementsOf(truth);
    return records;
  }

  private static String key(JsonNode record, List<String> fields, String timeField) {
    List<Object> parts = new ArrayList<>();
    fields.forEach(f -> parts.add(record.path(f).asText()));
    parts.add(RecordKeys.epochSecond(record.path(timeField).asText()));
    return RecordKeys.join(parts.toArray());
  }
}
