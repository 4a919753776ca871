package io.mailsec.mimecast.source;

import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.source.SourceRecord;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.Gap;
import io.mailsec.mimecast.client.MimecastApiException;
import io.mailsec.mimecast.client.RawRecord;
import io.mailsec.mimecast.client.ThreatFeedApi;
import io.mailsec.mimecast.client.ThreatFeedFile;
import io.mailsec.mimecast.client.ThreatFeedFormat;
import io.mailsec.mimecast.client.ThreatFeedQuery;
import io.mailsec.mimecast.client.ThreatFeedType;
import io.mailsec.mimecast.client.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The threat-intel feed ({@code POST /api/ttp/threat-intel/get-feed}, API 1.0 and 2.0), for each
 * configured feed type in turn, as compressed pipe-delimited CSV.
 *
 * <p><b>Why CSV, not STIX.</b> A CSV row is one complete indicator (time, sender, sending IP, file
 * name, MIME type, size, MD5, SHA-256), so the file streams row by row within the batch bound and
 * each row normalizes on its own ({@code MimecastNormalizer.normalizeCsvRow} with the header hint).
 * A STIX bundle splits each detection into a malware, an indicator and a relationship object that
 * only make sense together (the subject is on the malware, the hash on the indicator), and its
 * indicators carry only the SHA-256; delivering it whole would hold a file in memory.
 *
 * <p><b>Checkpoint</b>, per feed type {@code f} ({@code malware_customer}, {@code malware_grid}):
 * {@code f.token}: the {@code x-mc-threat-feed-next-token} that fetches the next file (absent
 * before the first file, when {@code f.start}, now minus the look-back clamped to 7 days, is sent
 * instead); {@code f.fileName} and {@code f.line}: the file being delivered and how many of its
 * rows are delivered, while it spans several batches; {@code f.done}: the feed reached its end in
 * the current round; {@code f.since}: when the feed last answered.
 *
 * <p><b>Rules.</b> A poll reads one file of the first feed type not yet done in this round. A feed
 * is done when Mimecast answers "No results found for threat intel feed." (which is not an error),
 * or when a file comes without a next token or with the token that was sent (its rows are still
 * delivered; the token is kept, so the next round may deliver them again, absorbed by upsert). When
 * every feed is done the batch is caught up and the next poll starts a new round. Truncated files
 * are fetched again, then recorded as file gaps as for SIEM. A token refused after it aged out of
 * the retention restarts the feed at the oldest retained time with a gap; any other refusal
 * propagates. Rows carry {@link SourceHints#FEED_TYPE} and {@link SourceHints#CSV_HEADER}.
 */
public final class ThreatFeedSource implements Source {
  static final String TOKEN = "token";
  static final String START = "start";
  static final String FILE_NAME = "fileName";
  static final String LINE = "line";
  static final String DONE = "done";
  static final String SINCE = "since";

  /** How long Mimecast keeps feed files (its default window). */
  static final Duration RETENTION = Duration.ofDays(7);

  /** A start this far inside the retention is not refused for being too old. */
  private static final Duration RETENTION_MARGIN = Duration.ofMinutes(10);

  /** The span of one feed file; "no results" at a time only proves the files before it empty. */
  private static final Duration FEED_FILE_SPAN = Duration.ofHours(1);

  private final ThreatFeedApi api;
  private final SourceSettings settings;
  private final List<ThreatFeedType> feeds;
  private ThreatFeedFile openFile;
  private OpenRecords open;

  ThreatFeedSource(ThreatFeedApi api, SourceSettings settings, List<ThreatFeedType> feeds) {
    this.api = Objects.requireNonNull(api, "api");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (feeds.isEmpty()) {
      throw new IllegalArgumentException("at least one feed type is needed");
    }
    this.feeds = feeds.stream().distinct().sorted().toList();
  }

  /** Where one feed type stands; see the class comment. */
  private record FeedPosition(
      ThreatFeedType feed,
      String token,
      Instant start,
      String fileName,
      long line,
      boolean done,
      Instant since) {

    FeedPosition done(Instant now) {
      return new FeedPosition(feed, token, start, null, 0, true, now);
    }

    FeedPosition at(String name, long delivered) {
      return new FeedPosition(feed, token, start, name, delivered, false, since);
    }

    FeedPosition next(String nextToken, Instant now) {
      return new FeedPosition(feed, nextToken, null, null, 0, false, now);
    }

    FeedPosition newRound() {
      return new FeedPosition(feed, token, start, fileName, line, false, since);
    }

    ThreatFeedQuery query() {
      return token != null
          ? new ThreatFeedQuery(feed, ThreatFeedFormat.CSV, true, null, null, token)
          : new ThreatFeedQuery(feed, ThreatFeedFormat.CSV, true, start, null, null);
    }

    String identity() {
      return feed.wireName() + "\n" + token + "\n" + start + "\n" + fileName;
    }
  }

  /** The outcome of one feed's turn: its new position and whether the poll ends here. */
  private record Turn(FeedPosition position, boolean endsPoll) {}

  @Override
  public SourceBatch poll(Optional<Checkpoint> checkpoint) {
    Instant now = settings.clock().instant();
    CheckpointValues values = CheckpointValues.of(checkpoint, settings.stream());
    Map<ThreatFeedType, FeedPosition> positions = new EnumMap<>(ThreatFeedType.class);
    for (ThreatFeedType feed : feeds) {
      positions.put(feed, read(values, feed, now));
    }
    BatchBuilder batch = new BatchBuilder(settings.maxRecordsPerBatch());
    for (ThreatFeedType feed : feeds) {
      FeedPosition position = positions.get(feed);
      if (position.done()) {
        continue;
      }
      position = clipStart(position, now, batch);
      Turn turn = turn(position, now, batch);
      positions.put(feed, turn.position());
      if (turn.endsPoll()) {
        return batch.build(checkpoint(positions), false);
      }
    }
    positions.replaceAll((feed, position) -> position.newRound());
    return batch.build(checkpoint(positions), true);
  }

  private Turn turn(FeedPosition position, Instant now, BatchBuilder batch) {
    int attempts = 0;
    long line = position.line();
    String expectedName = position.fileName();
    while (true) {
      attempts++;
      ThreatFeedFile file;
      OpenRecords reader;
      FeedPosition current = position.at(expectedName, line);
      if (open != null && open.continues(current.identity(), line)) {
        file = openFile;
        reader = open;
      } else {
        closeOpen();
        try {
          file = api.fetch(position.query());
        } catch (ValidationException e) {
          if (position.token() == null || !position.since().isBefore(now.minus(RETENTION))) {
            throw e;
          }
          return restartAfterRetention(position, now, e, batch);
        }
        if (file.noResults()) {
          file.close();
          return new Turn(position.done(now), false);
        }
        String name = nameOf(file, position.feed());
        if (!name.equals(expectedName)) {
          line = 0;
          expectedName = name;
        }
        reader = new OpenRecords(position.at(name, line).identity(), file.records());
        openFile = file;
        open = reader;
      }
      OpenRecords.Slice slice = reader.read(line, batch.room());
      for (RawRecord raw : slice.records()) {
        batch.add(record(raw, position.feed()));
      }
      line += slice.records().size();
      String name = nameOf(file, position.feed());
      if (slice.failure() == null) {
        if (!slice.endOfFile()) {
          return new Turn(position.at(name, line), true);
        }
        closeOpen();
        return new Turn(
            file.endOfFeed() ? position.done(now) : position.next(file.nextToken(), now), true);
      }
      MimecastApiException failure = slice.failure();
      closeOpen();
      if (batch.isFull()) {
        return new Turn(position.at(name, line), true);
      }
      FileFailures.Reaction reaction = FileFailures.classify(failure);
      if (reaction == FileFailures.Reaction.RETRY && attempts < FileFailures.MAX_FILE_ATTEMPTS) {
        continue;
      }
      if (reaction == FileFailures.Reaction.RETRY || reaction == FileFailures.Reaction.GAP) {
        if (file.endOfFeed()) {
          throw failure;
        }
        batch.gap(
            Gap.file(
                settings.stream(),
                name,
                FileFailures.gapReason("Threat-intel feed file " + name, failure, attempts, line),
                settings.clock().instant()));
        return new Turn(position.next(file.nextToken(), now), true);
      }
      if (reaction == FileFailures.Reaction.INTERRUPT && batch.size() > 0) {
        return new Turn(position.at(name, line), true);
      }
      throw failure;
    }
  }

  /**
   * Before the first file, the start is clipped to the retention; what lay before it is a gap,
   * except the time an earlier "no results" answer proved empty.
   */
  private FeedPosition clipStart(FeedPosition position, Instant now, BatchBuilder batch) {
    Instant floor = now.minus(RETENTION).plus(RETENTION_MARGIN);
    if (position.token() != null || !position.start().isBefore(floor)) {
      return position;
    }
    Instant provenEmpty = position.since().minus(FEED_FILE_SPAN);
    Instant lostFrom = provenEmpty.isAfter(position.start()) ? provenEmpty : position.start();
    if (lostFrom.isBefore(floor)) {
      batch.gap(
          Gap.interval(
              settings.stream(),
              lostFrom,
              floor,
              "Mimecast keeps the "
                  + position.feed().wireName()
                  + " feed for 7 days; the older part of the requested interval cannot be"
                  + " collected",
              now));
    }
    return new FeedPosition(
        position.feed(), null, floor, null, 0, position.done(), position.since());
  }

  private Turn restartAfterRetention(
      FeedPosition position, Instant now, ValidationException refusal, BatchBuilder batch) {
    Instant floor = now.minus(RETENTION).plus(RETENTION_MARGIN);
    batch.gap(
        Gap.interval(
            settings.stream(),
            position.since(),
            floor,
            "The "
                + position.feed().wireName()
                + " feed token from "
                + position.since()
                + " is older than Mimecast's 7-day retention and was refused ("
                + refusal.getMessage()
                + "); the feed restarted at the oldest retained time",
            now));
    return new Turn(new FeedPosition(position.feed(), null, floor, null, 0, false, now), true);
  }

  private FeedPosition read(CheckpointValues values, ThreatFeedType feed, Instant now) {
    String token = values.text(key(feed, TOKEN));
    Instant start = values.instant(key(feed, START));
    Instant since = values.instant(key(feed, SINCE));
    if (token == null && start == null) {
      Duration back =
          settings.lookBack().compareTo(RETENTION) > 0 ? RETENTION : settings.lookBack();
      start = now.minus(back);
    }
    return new FeedPosition(
        feed,
        token,
        token == null ? start : null,
        values.text(key(feed, FILE_NAME)),
        values.count(key(feed, LINE)),
        values.flag(key(feed, DONE)),
        since != null ? since : now);
  }

  private static Checkpoint checkpoint(Map<ThreatFeedType, FeedPosition> positions) {
    CheckpointValues.Writer writer = new CheckpointValues.Writer();
    for (FeedPosition position : positions.values()) {
      ThreatFeedType feed = position.feed();
      writer
          .put(key(feed, TOKEN), position.token())
          .put(key(feed, START), position.token() == null ? position.start() : null)
          .put(key(feed, FILE_NAME), position.fileName())
          .count(key(feed, LINE), position.line())
          .flag(key(feed, DONE), position.done())
          .put(key(feed, SINCE), position.since());
    }
    return writer.build();
  }

  static String key(ThreatFeedType feed, String name) {
    return feed.wireName() + "." + name;
  }

  private static String nameOf(ThreatFeedFile file, ThreatFeedType feed) {
    return file.fileName() != null ? file.fileName() : feed.wireName() + "-feed-file";
  }

  private static SourceRecord record(RawRecord raw, ThreatFeedType feed) {
    Map<String, String> hints = new HashMap<>();
    hints.put(SourceHints.FEED_TYPE, feed.wireName());
    if (raw.header() != null) {
      hints.put(SourceHints.CSV_HEADER, raw.header());
    }
    return new SourceRecord(raw.text(), raw.origin() + "#" + raw.ordinal(), hints);
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
