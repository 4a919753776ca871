package io.mailsec.mimecast.source;

import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.source.SourceRecord;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.Gap;
import io.mailsec.mimecast.client.ExpiredDownloadUrlException;
import io.mailsec.mimecast.client.MimecastApiException;
import io.mailsec.mimecast.client.RawRecord;
import io.mailsec.mimecast.client.SiemBatchApi;
import io.mailsec.mimecast.client.SiemBatchFile;
import io.mailsec.mimecast.client.SiemBatchPage;
import io.mailsec.mimecast.client.SiemBatchQuery;
import io.mailsec.mimecast.client.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * SIEM over API 2.0: the batch listing ({@code GET /siem/v1/batch/events/cg}) and the gzip NDJSON
 * files it links to, all event types.
 *
 * <p><b>Checkpoint.</b> {@code pageToken}: the {@code @nextPage} that lists the current page (on
 * the first run there is none and the page is listed from {@code startDay}, today minus the
 * look-back clamped to Mimecast's 7 days); {@code file}: how many files of that page are fully
 * delivered; {@code filePath}: the URL path of the file at that index (to verify a re-listing; the
 * pre-signed query string is never stored); {@code line}: how many records of that file are
 * delivered; {@code since}: when the cursor was obtained, which dates a gap if it ages out.
 *
 * <p><b>Rules.</b> A page is read file by file, at most {@link SourceSettings#maxRecordsPerBatch()}
 * records per batch, so a large file spans several batches with checkpoints inside it. An expired
 * link is refreshed by listing the same page token again; a truncated download is fetched again
 * skipping the records already delivered; a file that still fails after {@link
 * FileFailures#MAX_FILE_ATTEMPTS} attempts becomes a file gap and the stream moves on. When a page
 * is done the cursor moves to its {@code @nextPage}, which Mimecast returns even on the final empty
 * page; {@code isCaughtUp} (or a page that does not move the cursor) ends the batch as caught up,
 * whereas an empty page that moves the cursor without {@code isCaughtUp} is not the end. A cursor
 * refused after it aged out of the 7-day retention restarts collection at the oldest retained day
 * and records the lost interval as a gap.
 */
public final class SiemBatchSource implements Source {
  static final String PAGE_TOKEN = "pageToken";
  static final String START_DAY = "startDay";
  static final String FILE = "file";
  static final String FILE_PATH = "filePath";
  static final String LINE = "line";
  static final String SINCE = "since";

  /** How long Mimecast keeps batch files. */
  static final Duration RETENTION = Duration.ofDays(7);

  /** Files per listing page; Mimecast's clients use at most 100. */
  static final int LISTING_PAGE_SIZE = 100;

  /** A listed page is reused while its links stay valid at least this long. */
  private static final Duration LINK_MARGIN = Duration.ofMinutes(1);

  /** How long a listing without expiry times is reused. */
  private static final Duration LISTING_REUSE = Duration.ofMinutes(5);

  private final SiemBatchApi api;
  private final SourceSettings settings;
  private Listing listing;
  private OpenRecords open;

  SiemBatchSource(SiemBatchApi api, SourceSettings settings) {
    this.api = Objects.requireNonNull(api, "api");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Where the stream stands; see the class comment for the fields. */
  private record Position(
      String pageToken, LocalDate startDay, int file, String filePath, long line, Instant since) {

    Checkpoint checkpoint() {
      return new CheckpointValues.Writer()
          .put(PAGE_TOKEN, pageToken)
          .put(START_DAY, pageToken == null ? startDay : null)
          .count(FILE, file)
          .put(FILE_PATH, filePath)
          .count(LINE, line)
          .put(SINCE, since)
          .build();
    }
  }

  /** The last page listed, kept so that the files of one page cost one listing call. */
  private record Listing(
      String pageToken, LocalDate startDay, SiemBatchPage page, Instant listedAt) {

    boolean lists(Position position) {
      return Objects.equals(pageToken, position.pageToken())
          && Objects.equals(startDay, position.startDay());
    }

    boolean linksValid(Instant now) {
      for (SiemBatchFile file : page.files()) {
        Instant validUntil =
            file.expiry() != null ? file.expiry().minus(LINK_MARGIN) : listedAt.plus(LISTING_REUSE);
        if (!now.isBefore(validUntil)) {
          return false;
        }
      }
      return true;
    }
  }

  /** The outcome of reading from one file. */
  private record FileResult(
      SiemBatchPage page, int index, long line, boolean done, boolean interrupted) {}

  @Override
  public SourceBatch poll(Optional<Checkpoint> checkpoint) {
    Instant now = settings.clock().instant();
    Position position = position(CheckpointValues.of(checkpoint, settings.stream()), now);
    SiemBatchPage page;
    try {
      page = page(position, false);
    } catch (ValidationException e) {
      if (position.pageToken() == null || !position.since().isBefore(now.minus(RETENTION))) {
        throw e;
      }
      return restartAfterRetention(position, now, e);
    }
    BatchBuilder batch = new BatchBuilder(settings.maxRecordsPerBatch());
    int index = position.file();
    long line = position.line();
    if (position.filePath() != null) {
      int found = resumeIndex(page, position.filePath(), position.file());
      index = Math.max(found, 0);
      line = found < 0 ? 0 : line;
    }
    while (index < page.files().size() && !batch.isFull()) {
      FileResult result = readFile(page, index, line, batch);
      page = result.page();
      if (result.interrupted()) {
        return batch.build(at(position, page, result.index(), result.line()), false);
      }
      index = result.done() ? result.index() + 1 : result.index();
      line = result.done() ? 0 : result.line();
    }
    if (index < page.files().size()) {
      return batch.build(at(position, page, index, line), false);
    }
    String nextPage = page.nextPage();
    boolean moved = nextPage != null && !nextPage.equals(position.pageToken());
    Position after =
        moved
            ? new Position(nextPage, null, 0, null, 0, settings.clock().instant())
            : new Position(
                position.pageToken(),
                position.startDay(),
                page.files().size(),
                null,
                0,
                position.since());
    return batch.build(after.checkpoint(), page.caughtUp() || !moved);
  }

  private FileResult readFile(SiemBatchPage listed, int startIndex, long from, BatchBuilder batch) {
    SiemBatchPage page = listed;
    int index = startIndex;
    long line = from;
    int attempts = 0;
    while (true) {
      SiemBatchFile file = page.files().get(index);
      String path = file.url().getPath();
      attempts++;
      MimecastApiException failure;
      try {
        OpenRecords reader = reader(file, path, line);
        OpenRecords.Slice slice = reader.read(line, batch.room());
        for (RawRecord raw : slice.records()) {
          batch.add(new SourceRecord(raw.text(), raw.origin() + "#" + raw.ordinal(), Map.of()));
        }
        line += slice.records().size();
        if (slice.failure() == null) {
          return new FileResult(page, index, line, slice.endOfFile(), false);
        }
        failure = slice.failure();
      } catch (MimecastApiException e) {
        failure = e;
      }
      if (batch.isFull()) {
        // The next poll downloads the file again from this position.
        return new FileResult(page, index, line, false, false);
      }
      switch (FileFailures.classify(failure)) {
        case RETRY -> {
          if (attempts >= FileFailures.MAX_FILE_ATTEMPTS) {
            batch.gap(fileGap(path, failure, attempts, line));
            return new FileResult(page, index, 0, true, false);
          }
          if (failure instanceof ExpiredDownloadUrlException) {
            page = relist(page);
            int found = resumeIndex(page, path, index);
            if (found < 0) {
              if (indexOf(page, path) < 0) {
                batch.gap(fileGap(path, failure, attempts, line));
              }
              return new FileResult(page, -1, 0, true, false);
            }
            index = found;
          }
        }
        case GAP -> {
          batch.gap(fileGap(path, failure, attempts, line));
          return new FileResult(page, index, 0, true, false);
        }
        case INTERRUPT -> {
          if (batch.size() == 0) {
            throw failure;
          }
          return new FileResult(page, index, line, false, true);
        }
        default -> throw failure;
      }
    }
  }

  private OpenRecords reader(SiemBatchFile file, String path, long line) {
    if (open != null && open.continues(path, line)) {
      return open;
    }
    closeOpen();
    open = new OpenRecords(path, api.download(file));
    return open;
  }

  private Gap fileGap(String path, MimecastApiException failure, int attempts, long kept) {
    return Gap.file(
        settings.stream(),
        path,
        FileFailures.gapReason("SIEM batch file " + path, failure, attempts, kept),
        settings.clock().instant());
  }

  /** The current page: the cached listing while it is valid, else a new listing call. */
  private SiemBatchPage page(Position position, boolean fresh) {
    Instant now = settings.clock().instant();
    if (!fresh
        && listing != null
        && listing.lists(position)
        && position.file() < listing.page().files().size()
        && listing.linksValid(now)) {
      return listing.page();
    }
    SiemBatchQuery query =
        position.pageToken() != null
            ? new SiemBatchQuery(List.of(), null, null, LISTING_PAGE_SIZE, position.pageToken())
            : new SiemBatchQuery(List.of(), position.startDay(), null, LISTING_PAGE_SIZE, null);
    SiemBatchPage page = api.list(query);
    listing = new Listing(position.pageToken(), position.startDay(), page, now);
    return page;
  }

  /** Lists the cached page's cursor again for fresh download links. */
  private SiemBatchPage relist(SiemBatchPage stale) {
    Listing current = listing;
    if (current == null || current.page() != stale) {
      throw new IllegalStateException("relisting a page that is not the current listing");
    }
    return page(
        new Position(current.pageToken(), current.startDay(), 0, null, 0, current.listedAt()),
        true);
  }

  /**
   * Where to continue with the file at {@code path} that was at index {@code expected}: its index
   * in {@code page}, or -1 when the page must be read again from its start (duplicates, no loss)
   * because the file is no longer listed or files were inserted before it.
   */
  private static int resumeIndex(SiemBatchPage page, String path, int expected) {
    List<SiemBatchFile> files = page.files();
    if (expected < files.size() && files.get(expected).url().getPath().equals(path)) {
      return expected;
    }
    int found = indexOf(page, path);
    return found <= expected ? found : -1;
  }

  private static int indexOf(SiemBatchPage page, String path) {
    List<SiemBatchFile> files = page.files();
    for (int i = 0; i < files.size(); i++) {
      if (files.get(i).url().getPath().equals(path)) {
        return i;
      }
    }
    return -1;
  }

  private static Checkpoint at(Position position, SiemBatchPage page, int index, long line) {
    String path = index < page.files().size() ? page.files().get(index).url().getPath() : null;
    return new Position(
            position.pageToken(), position.startDay(), index, path, line, position.since())
        .checkpoint();
  }

  private Position position(CheckpointValues values, Instant now) {
    if (values.isEmpty()) {
      return start(now, settings.lookBack());
    }
    String token = values.text(PAGE_TOKEN);
    LocalDate startDay = values.day(START_DAY);
    if (token == null && startDay == null) {
      throw new IllegalStateException(
          "The checkpoint of stream "
              + settings.stream()
              + " has neither a page token nor a start day; reset the stream's checkpoint.");
    }
    long file = values.count(FILE);
    Instant since = values.instant(SINCE);
    return new Position(
        token,
        token == null ? startDay : null,
        (int) Math.min(file, Integer.MAX_VALUE),
        values.text(FILE_PATH),
        values.count(LINE),
        since != null ? since : now);
  }

  /** The first listing: the day of now minus the look-back, at most Mimecast's retention. */
  private static Position start(Instant now, Duration lookBack) {
    Duration back = lookBack.compareTo(RETENTION) > 0 ? RETENTION : lookBack;
    LocalDate day = LocalDate.ofInstant(now.minus(back), ZoneOffset.UTC);
    return new Position(null, day, 0, null, 0, day.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  private SourceBatch restartAfterRetention(
      Position position, Instant now, ValidationException refusal) {
    Instant retained = now.minus(RETENTION);
    BatchBuilder batch = new BatchBuilder(settings.maxRecordsPerBatch());
    batch.gap(
        Gap.interval(
            settings.stream(),
            position.since(),
            retained,
            "The SIEM batch cursor from "
                + position.since()
                + " is older than Mimecast's 7-day retention and was refused ("
                + refusal.getMessage()
                + "); collection restarted at the oldest retained day",
            now));
    closeOpen();
    listing = null;
    return batch.build(start(now, RETENTION).checkpoint(), false);
  }

  private void closeOpen() {
    if (open != null) {
      open.close();
      open = null;
    }
  }

  @Override
  public void close() {
    closeOpen();
    listing = null;
  }
}
