package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineRecordReaderTest {

  private static List<RawRecord> read(String text, RecordFormat format) throws IOException {
    LineRecordReader reader = new LineRecordReader(new StringReader(text), "f.log", format, 4096);
    List<RawRecord> records = new ArrayList<>();
    RawRecord record;
    while ((record = reader.read()) != null) {
      records.add(record);
    }
    return records;
  }

  @Test
  void keyValueLinesAreRecords() throws IOException {
    String text =
        "datetime=2019-11-25T13:45:02+0200|aCode=bFvT|acc=CSA44A118|Delivered=true\r\n"
            + "\n"
            + "datetime=2019-11-25T13:45:03+0200|aCode=x|acc=CSA44A118\n";

    List<RawRecord> records = read(text, RecordFormat.KEY_VALUE);

    assertThat(records)
        .extracting(RawRecord::text)
        .containsExactly(
            "datetime=2019-11-25T13:45:02+0200|aCode=bFvT|acc=CSA44A118|Delivered=true",
            "datetime=2019-11-25T13:45:03+0200|aCode=x|acc=CSA44A118");
    assertThat(records).extracting(RawRecord::ordinal).containsExactly(1L, 2L);
    assertThat(records).allSatisfy(r -> assertThat(r.header()).isNull());
  }

  @Test
  void csvRowsCarryTheirHeaderAndKeepQuotedLineBreaks() throws IOException {
    String text =
        "Timestamp|SenderAddress|FileName|SHA256\n"
            + "2021-10-15T10:00:01+0000|a@b.c|\"x|y.doc\"|ab12\n"
            + "2021-10-15T10:00:02+0000|null|\"two\nlines.pdf\"|cd34\n";

    List<RawRecord> records = read(text, RecordFormat.CSV);

    assertThat(records)
        .extracting(RawRecord::text)
        .containsExactly(
            "2021-10-15T10:00:01+0000|a@b.c|\"x|y.doc\"|ab12",
            "2021-10-15T10:00:02+0000|null|\"two\nlines.pdf\"|cd34");
    assertThat(records)
        .allSatisfy(
            r -> assertThat(r.header()).isEqualTo("Timestamp|SenderAddress|FileName|SHA256"));
    assertThat(records).allSatisfy(r -> assertThat(r.format()).isEqualTo(RecordFormat.CSV));
  }
}
