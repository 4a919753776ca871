package io.mailsec.mimecast.source;

import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.source.SourceRecord;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.Gap;
import io.mailsec.mimecast.client.InvalidSiemTokenException;
import io.mailsec.mimecast.client.MimecastApiException;
import io.mailsec.mimecast.client.RawRecord;
import io.mailsec.mimecast.client.SiemFileFormat;
import io.mailsec.mimecast.client.SiemLogFile;
import io.mailsec.mimecast.client.SiemLogsApi;
import io.mailsec.mimecast.client.SiemLogsQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIEM over API 1.0: {@code POST /api/audit/get-siem-logs}, one (zipped JSON) file per call,
 * chained by the {@code mc-siem-token} header.
 *
 * <p><b>Checkpoint.</b> {@code token}: the token that fetches the current file (absent before the
 * first file: Mimecast then starts at the oldest file it keeps, 7 days, as the API has no start
 * date); {@code fileName} and {@code line}: the name of the file being delivered and how many of
 * its records are delivered, while a file spans several batches; {@code since}: when the token was
 * obtained. Once a file is fully delivered the checkpoint holds the token Mimecast returned with
 * it.
 *
 * <p><b>Rules.</b> One file per poll, at most {@link SourceSettings#maxRecordsPerBatch()} records;
 * the rest of a larger file is fetched again with the same token and the delivered records are
 * skipped (only when the file name matches; otherwise the file is delivered from its start). The
 * caught-up reply keeps the token it carries. A truncated file is fetched again up to {@link
 * FileFailures#MAX_FILE_ATTEMPTS} times, then recorded as a file gap and the stream moves on with
 * the token from the response header. A token refused after it aged out of the retention restarts
 * at the oldest file with a gap for the lost interval; any other refusal propagates as {@link
 * InvalidSiemTokenException}. Each record carries {@link SourceHints#SIEM_FILE_TYPE} from the name
 * of its file or zip entry.
 */
public final class SiemFileSource implements Source {
  static final String TOKEN = "token";
  static final String FILE_NAME = "fileName";
  static final String LINE = "line";
  static final String SINCE = "since";

  /** How long Mimecast keeps SIEM 1.0 files. */
  static final Duration RETENTION = Duration.ofDays(7);

  /** {@code receipt_20211018093329655.json}, {@code ttp_url_20211129153015541.log}. */
  private static final Pattern FILE_TYPE =
      Pattern.compile("(?i)^(ttp_[a-z]+|[a-z]+)_\\d+(\\.[a-z0-9.]+)?$");

  private final SiemLogsApi api;
  private final SourceSettings settings;
  private SiemLogFile openFile;
  private OpenRecords open;

  SiemFileSource(SiemLogsApi api, SourceSettings settings) {
    this.api = Objects.requireNonNull(api, "api");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  private record Position(String token, String fileName, long line, Instant since) {
    Checkpoint checkpoint() {
      return new CheckpointValues.Writer()
          .put(TOKEN, token)
          .put(FILE_NAME, fileName)
          .count(LINE, line)
          .put(SINCE, since)
          .build();
    }
  }

  @Override
  public SourceBatch poll(Optional<Checkpoint> checkpoint) {
    Instant now = settings.clock().instant();
    CheckpointValues values = CheckpointValues.of(checkpoint, settings.stream());
    Instant since = values.instant(SINCE);
    Position position =
        new Position(
            values.text(TOKEN),
            values.text(FILE_NAME),
            values.count(LINE),
            since != null ? since : now);
    BatchBuilder batch = new BatchBuilder(settings.maxRecordsPerBatch());
    int attempts = 0;
    long line = position.line();
    String expectedName = position.fileName();
    while (true) {
      attempts++;
      SiemLogFile file;
      OpenRecords reader;
      if (open != null && open.continues(identity(position.token(), expectedName), line)) {
        file = openFile;
        reader = open;
      } else {
        closeOpen();
        try {
          file = api.fetch(query(position.token()));
        } catch (InvalidSiemTokenException e) {
          if (position.token() == null || !position.since().isBefore(now.minus(RETENTION))) {
            throw e;
          }
          return restartAfterRetention(position, now, e);
        }
        if (file.caughtUp()) {
          file.close();
          String token = file.nextToken() != null ? file.nextToken() : position.token();
          return batch.build(new Position(token, null, 0, now).checkpoint(), true);
        }
        if (!Objects.equals(nameOf(file), expectedName)) {
          line = 0;
          expectedName = nameOf(file);
        }
        reader = new OpenRecords(identity(position.token(), nameOf(file)), file.records());
        openFile = file;
        open = reader;
      }
      OpenRecords.Slice slice = reader.read(line, batch.room());
      for (RawRecord raw : slice.records()) {
        batch.add(record(raw));
      }
      line += slice.records().size();
      String name = nameOf(file);
      if (slice.failure() == null) {
        if (!slice.endOfFile()) {
          return batch.build(
              new Position(position.token(), name, line, position.since()).checkpoint(), false);
        }
        closeOpen();
        if (file.nextToken() == null) {
          // Without a next token the file cannot be left behind; stay at its end.
          return batch.build(
              new Position(position.token(), name, line, position.since()).checkpoint(), true);
        }
        return batch.build(new Position(file.nextToken(), null, 0, now).checkpoint(), false);
      }
      MimecastApiException failure = slice.failure();
      closeOpen();
      if (batch.isFull()) {
        return batch.build(
            new Position(position.token(), name, line, position.since()).checkpoint(), false);
      }
      FileFailures.Reaction reaction = FileFailures.classify(failure);
      boolean retry =
          reaction == FileFailures.Reaction.RETRY && attempts < FileFailures.MAX_FILE_ATTEMPTS;
      if (retry) {
        continue;
      }
      if (reaction == FileFailures.Reaction.RETRY || reaction == FileFailures.Reaction.GAP) {
        if (file.nextToken() == null) {
          throw failure;
        }
        batch.gap(
            Gap.file(
                settings.stream(),
                name,
                FileFailures.gapReason("SIEM file " + name, failure, attempts, line),
                settings.clock().instant()));
        return batch.build(new Position(file.nextToken(), null, 0, now).checkpoint(), false);
      }
      if (reaction == FileFailures.Reaction.INTERRUPT && batch.size() > 0) {
        return batch.build(
            new Position(position.token(), name, line, position.since()).checkpoint(), false);
      }
      throw failure;
    }
  }

  private static SiemLogsQuery query(String token) {
    return new SiemLogsQuery(token, SiemFileFormat.JSON, true);
  }

  private static String identity(String token, String fileName) {
    return (token == null ? "" : token) + "\n" + (fileName == null ? "" : fileName);
  }

  private static String nameOf(SiemLogFile file) {
    return file.fileName() != null ? file.fileName() : "siem-file";
  }

  private static SourceRecord record(RawRecord raw) {
    String type = fileTypeOf(raw.origin());
    return new SourceRecord(
        raw.text(),
        raw.origin() + "#" + raw.ordinal(),
        type == null ? Map.of() : Map.of(SourceHints.SIEM_FILE_TYPE, type));
  }

  /** The log type in a SIEM 1.0 file name, lower case, or null when the name has no type. */
  static String fileTypeOf(String fileName) {
    Matcher matcher = FILE_TYPE.matcher(fileName.trim());
    return matcher.matches() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
  }

  private SourceBatch restartAfterRetention(
      Position position, Instant now, InvalidSiemTokenException refusal) {
    BatchBuilder batch = new BatchBuilder(settings.maxRecordsPerBatch());
    batch.gap(
        Gap.interval(
            settings.stream(),
            position.since(),
            now.minus(RETENTION),
            "The SIEM token from "
                + position.since()
                + " is older than Mimecast's 7-day retention and was refused ("
                + refusal.getMessage()
                + "); collection restarted at the oldest file Mimecast keeps",
            now));
    return batch.build(new Position(null, null, 0, now).checkpoint(), false);
  }

  private void closeOpen() {
    if (open != null) {
      open.close();
      open = null;
    }
    if (openFile != null) {
      openFile.close();
      openFile = null;
    }
  }

  @Override
  public void close() {
    closeOpen();
  }
}
