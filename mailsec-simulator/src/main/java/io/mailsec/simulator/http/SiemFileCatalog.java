package io.mailsec.simulator.http;

import io.mailsec.simulator.data.BoundedCache;
import io.mailsec.simulator.data.Rng;
import io.mailsec.simulator.data.SiemEvent;
import io.mailsec.simulator.data.SiemType;
import io.mailsec.simulator.data.SimulatedAccount;
import io.mailsec.simulator.render.Siem2Renderer;
import io.mailsec.simulator.render.SiemFiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which SIEM log files exist and what they contain. Both APIs publish one file per (15-minute
 * period, type) that has rows, in {@link SiemType} order. The 2.0 batch side splits some files into
 * two parts that share one event, reproducing "the same event in two batch files"; the 1.0 side
 * writes some JSON files as two objects on one line.
 */
final class SiemFileCatalog {

  /** A file: period, type and (batch only) part number. Ordered as files are served. */
  record FileRef(long period, SiemType type, int part) implements Comparable<FileRef> {
    long cacheKey() {
      return period * 32 + type.ordinal() * 2L + part;
    }

    @Override
    public int compareTo(FileRef other) {
      int byPeriod = Long.compare(period, other.period);
      if (byPeriod != 0) {
        return byPeriod;
      }
      int byType = Integer.compare(type.ordinal(), other.type.ordinal());
      return byType != 0 ? byType : Integer.compare(part, other.part);
    }
  }

  private final SimulatedAccount account;
  private final Siem2Renderer siem2;
  private BoundedCache<byte[]> batchGzip = new BoundedCache<>(512);
  private int batchGzipRevision;

  SiemFileCatalog(SimulatedAccount account, Siem2Renderer siem2) {
    this.account = account;
    this.siem2 = siem2;
  }

  /** 1.0 files of a period, in serving order. */
  List<FileRef> v1Files(long period) {
    List<FileRef> files = new ArrayList<>();
    for (SiemType type : SiemType.values()) {
      if (!account.siemEvents(period, type).isEmpty()) {
        files.add(new FileRef(period, type, 0));
      }
    }
    return files;
  }

  List<SiemEvent> v1Events(FileRef file) {
    return account.siemEvents(file.period(), file.type());
  }

  /** Some 1.0 JSON files are written as two {@code {"data":[...]}} objects on one line. */
  static boolean twoDocuments(FileRef file) {
    return Math.floorMod(Rng.mix(file.period() * 16 + file.type().ordinal()), 8L) == 0;
  }

  /** Batch files of a period for the given types, in listing order. */
  List<FileRef> batchFiles(long period, Set<SiemType> types) {
    List<FileRef> files = new ArrayList<>();
    for (SiemType type : SiemType.values()) {
      if (!types.contains(type)) {
        continue;
      }
      int parts = batchParts(period, type).size();
      for (int part = 0; part < parts; part++) {
        files.add(new FileRef(period, type, part));
      }
    }
    return files;
  }

  /** The events of each part of a (period, type); empty when the type has no rows. */
  private List<List<SiemEvent>> batchParts(long period, SiemType type) {
    List<SiemEvent> events = account.siemEvents(period, type);
    if (events.isEmpty()) {
      return List.of();
    }
    boolean split =
        events.size() >= 4 && Math.floorMod(Rng.mix(period * 16 + type.ordinal() + 7), 5L) == 0;
    if (!split) {
      return List.of(events);
    }
    int middle = events.size() / 2;
    return List.of(events.subList(0, middle + 1), events.subList(middle, events.size()));
  }

  /** The events of a batch file, or {@code null} if there is no such file. */
  List<SiemEvent> batchEvents(FileRef file) {
    List<List<SiemEvent>> parts = batchParts(file.period(), file.type());
    return file.part() < parts.size() ? parts.get(file.part()) : null;
  }

  /** The gzip NDJSON bytes of a batch file (cached), or {@code null} if there is no such file. */
  byte[] batchGzip(FileRef file) {
    if (batchEvents(file) == null) {
      return null;
    }
    return batchGzipCache().get(file.cacheKey(), key -> renderBatch(file, -1));
  }

  /** The cache of rendered batch files, emptied when an injection changed the account's data. */
  private synchronized BoundedCache<byte[]> batchGzipCache() {
    int revision = account.revision();
    if (revision != batchGzipRevision) {
      batchGzip = new BoundedCache<>(512);
      batchGzipRevision = revision;
    }
    return batchGzip;
  }

  /** The batch file with one record cut in half (the {@code malformed-line} fault). */
  byte[] brokenBatchGzip(FileRef file) {
    List<SiemEvent> events = batchEvents(file);
    return events == null ? null : renderBatch(file, events.size() / 2);
  }

  private byte[] renderBatch(FileRef file, int brokenIndex) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SiemEvent event : batchEvents(file)) {
      rows.add(siem2.batch(event));
    }
    return SiemFiles.gzip(SiemFiles.ndjson(rows, brokenIndex));
  }

  /** When a file was written: shortly after its period ends, later types a little later. */
  static Instant stamp(FileRef file) {
    long jitter = Math.floorMod(Rng.mix(file.cacheKey()), 1_000L);
    return SimulatedAccount.siemPeriodEnd(file.period())
        .plusMillis(file.type().ordinal() * 1_000L + file.part() * 100L + jitter);
  }
}
