package io.mailsec.simulator.http;

import io.mailsec.simulator.data.FeedType;
import io.mailsec.simulator.data.SimulatedAccount;
import io.mailsec.simulator.data.ThreatIndicator;
import io.mailsec.simulator.render.Formats;
import io.mailsec.simulator.render.SiemFiles;
import io.mailsec.simulator.render.ThreatFeedWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /api/ttp/threat-intel/get-feed} (mimecast-api.md §5): one feed file (one UTC hour of
 * detections, published when the hour ends) per call, as pipe CSV or a STIX 2.0 bundle; with {@code
 * compress=true} a ZIP of up to a day of consecutive files. {@code x-mc-threat-feed-next-token}
 * names the (last) file returned; sending it as {@code token} continues after it. With nothing
 * further the answer is the JSON failure "No results found for threat intel feed." and no token
 * header. A token that has aged out of retention is refused, like the SIEM token.
 */
final class ThreatFeedHandler {
  private static final String TOKEN_PREFIX = "feed:";
  private static final int MAX_FILES_PER_ZIP = 24;
  private static final String NO_RESULTS = "No results found for threat intel feed.";

  private final SimContext context;

  ThreatFeedHandler(SimContext context) {
    this.context = context;
  }

  SimResponse handle(SimRequest request, Caller caller, Instant now) {
    ApiBody body = ApiBody.parse(request);
    if (body == null) {
      return ApiBody.malformed();
    }
    String feedText = body.text("feedType");
    if (feedText == null) {
      return Envelopes.validation(
          "err_validation_null", "feedType", "feedType must not be null", body.item());
    }
    Optional<FeedType> feed = FeedType.fromApiName(feedText);
    if (feed.isEmpty()) {
      return Envelopes.validation(
          "err_validation_invalid_value",
          "feedType",
          "feedType must be malware_customer or malware_grid",
          body.item());
    }
    String fileType = body.text("fileType");
    fileType = fileType == null ? "csv" : fileType.toLowerCase(Locale.ROOT);
    if (!fileType.equals("csv") && !fileType.equals("stix")) {
      return Envelopes.validation(
          "err_validation_invalid_value", "fileType", "fileType must be csv or stix", body.item());
    }
    boolean compress = Boolean.TRUE.equals(body.bool("compress"));
    SimulatedAccount account = context.account;
    long oldest = account.oldestRetainedFeedPeriod(now);
    long newest = account.newestPublishedFeedPeriod(now);

    Optional<Instant> start = RequestDates.parseInstant(body.text("start"));
    Optional<Instant> end = RequestDates.parseInstant(body.text("end"));
    if ((body.text("start") != null && start.isEmpty())
        || (body.text("end") != null && end.isEmpty())) {
      return Envelopes.validation(
          "err_validation_invalid_value",
          body.text("start") != null && start.isEmpty() ? "start" : "end",
          "start/end must be ISO-8601 dates, e.g. 2021-10-15T10:00:01+0000",
          body.item());
    }
    long after;
    String token = body.text("token");
    if (token != null) {
      Optional<Long> position = decode(token, feed.get());
      if (position.isEmpty()) {
        return Envelopes.validation(
            "err_threat_intel_invalid_token", "token", "The feed token is not valid", body.item());
      }
      if (position.get() < oldest - 1) {
        return Envelopes.validation(
            "err_threat_intel_invalid_token",
            "token",
            "The feed token points at files that are no longer retained",
            body.item());
      }
      after = position.get();
    } else {
      Instant from = start.orElse(now.minus(context.options.history()));
      after = Math.max(oldest, SimulatedAccount.feedPeriodOf(from)) - 1;
    }
    long last =
        end.map(e -> Math.min(newest, SimulatedAccount.feedPeriodOf(e.minusMillis(1))))
            .orElse(newest);

    List<Long> hours = new ArrayList<>();
    for (long hour = Math.max(after + 1, oldest); hour <= last; hour++) {
      if (!account.feedIndicators(feed.get(), hour).isEmpty()) {
        hours.add(hour);
        if (!compress || hours.size() == MAX_FILES_PER_ZIP) {
          break;
        }
      }
    }
    if (hours.isEmpty()) {
      return SimResponse.json(
          200,
          Envelopes.fail(200, "err_threat_intel_no_results", NO_RESULTS, null, false, body.item()));
    }
    List<SiemFiles.NamedFile> files = new ArrayList<>();
    for (long hour : hours) {
      files.add(file(feed.get(), fileType, hour));
    }
    long lastHour = hours.get(hours.size() - 1);
    String nextToken = context.cursors.seal(TOKEN_PREFIX + feed.get().apiName() + ":" + lastHour);
    SimResponse response;
    if (compress) {
      Instant stamp = published(lastHour);
      String name = feed.get().apiName() + "_" + fileType + "_" + Formats.fileStamp(stamp) + ".zip";
      byte[] zip = SiemFiles.zip(files, LocalDateTime.ofInstant(stamp, ZoneOffset.UTC));
      response =
          SimResponse.bytes(200, "application/octet-stream", zip)
              .withHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    } else {
      SiemFiles.NamedFile file = files.get(0);
      String contentType =
          fileType.equals("stix") ? "application/json" : "application/octet-stream";
      response =
          SimResponse.bytes(200, contentType, file.content())
              .withHeader("Content-Disposition", "attachment; filename=\"" + file.name() + "\"");
    }
    return response.withHeader("x-mc-threat-feed-next-token", nextToken);
  }

  private SiemFiles.NamedFile file(FeedType feed, String fileType, long hour) {
    List<ThreatIndicator> indicators = context.account.feedIndicators(feed, hour);
    String name =
        feed.apiName()
            + "_"
            + fileType
            + "_"
            + Formats.fileStamp(published(hour))
            + (fileType.equals("stix") ? ".stix" : ".csv");
    byte[] content =
        fileType.equals("stix")
            ? ThreatFeedWriter.stix(indicators, hour * 2 + feed.ordinal())
            : ThreatFeedWriter.csv(indicators);
    return new SiemFiles.NamedFile(name, content);
  }

  /** When an hour's file was written: a little after the hour ends. */
  private static Instant published(long hour) {
    return SimulatedAccount.feedPeriodStart(hour + 1)
        .plusMillis(Math.floorMod(hour * 7919, 60_000L));
  }

  private Optional<Long> decode(String token, FeedType feed) {
    String prefix = TOKEN_PREFIX + feed.apiName() + ":";
    return context
        .cursors
        .open(token)
        .filter(payload -> payload.startsWith(prefix))
        .flatMap(
            payload -> {
              try {
                return Optional.of(Long.parseLong(payload.substring(prefix.length())));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }
}
