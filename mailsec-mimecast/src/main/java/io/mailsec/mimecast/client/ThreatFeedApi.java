package io.mailsec.mimecast.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The threat-intel feed ({@code POST /api/ttp/threat-intel/get-feed}) on API 1.0 and 2.0. */
public final class ThreatFeedApi {
  private static final int JSON_PROBE_BYTES = 1 << 20;
  private static final List<String> EMPTY_FEED_MESSAGES =
      List.of("no results found for threat intel feed", "unable to compress feeds");

  private final ClientContext context;

  ThreatFeedApi(ClientContext context) {
    this.context = context;
  }

  /** Fetches the file after {@code query.token()}; the caller must close the result. */
  public ThreatFeedFile fetch(ThreatFeedQuery query) {
    Endpoint endpoint = Endpoint.THREAT_FEED;
    ObjectNode item = Json.MAPPER.createObjectNode();
    item.put("feedType", query.feedType().wireName());
    item.put("fileType", query.format().wireName());
    item.put("compress", query.compress());
    if (query.start() != null) {
      item.put("start", ApiDates.api(query.start()));
    }
    if (query.end() != null) {
      item.put("end", ApiDates.api(query.end()));
    }
    TtpApi.putIfPresent(item, "token", query.token());
    Response response =
        context
            .transport()
            .send(
                ApiRequest.postForFile(
                    context.uri(endpoint.path()),
                    endpoint,
                    ClientContext.bytes(ClientContext.envelope(null, null, item)),
                    context.authenticator()));
    String nextToken = response.header("x-mc-threat-feed-next-token").orElse(null);
    String fileName = Payloads.fileName(response.header("Content-Disposition").orElse(null));
    String origin = fileName != null ? fileName : "threat-feed-" + query.format().wireName();
    String what = "threat-intel feed file " + origin;
    try {
      BufferedInputStream body = new BufferedInputStream(response.body(), 64 * 1024);
      body.mark(JSON_PROBE_BYTES + 1);
      byte[] probe = body.readNBytes(JSON_PROBE_BYTES + 1);
      body.reset();
      if (probe.length <= JSON_PROBE_BYTES) {
        // Error and "no results" answers are small JSON envelopes; a STIX bundle is JSON too but
        // has no envelope fields.
        JsonNode tree = Json.treeOrNull(new String(probe, StandardCharsets.UTF_8));
        if (tree != null && tree.isObject() && isEnvelope(tree)) {
          response.close();
          if (!reportsEmptyFeed(tree)) {
            context.transport().checkEnvelope(tree, endpoint);
          }
          return new ThreatFeedFile(query.token(), nextToken, true, fileName, RecordStream.empty());
        }
      }
      RecordReader reader =
          Payloads.open(
              body, origin, name -> formatFor(name, query.format()), context.limits(), what);
      return new ThreatFeedFile(
          query.token(), nextToken, false, fileName, new RecordStream(reader, response, what));
    } catch (IOException e) {
      response.close();
      throw Payloads.bodyFailure(e, what);
    } catch (RuntimeException e) {
      response.close();
      throw e;
    }
  }

  private static boolean isEnvelope(JsonNode tree) {
    return !tree.has("objects") && (tree.has("fail") || tree.has("meta") || tree.has("error"));
  }

  private static boolean reportsEmptyFeed(JsonNode tree) {
    for (ApiError error : ApiError.from(tree)) {
      String message = error.message() == null ? "" : error.message().toLowerCase(Locale.ROOT);
      if (EMPTY_FEED_MESSAGES.stream().anyMatch(message::contains)) {
        return true;
      }
    }
    return false;
  }

  private EntryFormat formatFor(String name, ThreatFeedFormat requested) {
    String lower = name.toLowerCase(Locale.ROOT);
    int max = context.limits().maxRecordChars();
    boolean csv =
        lower.endsWith(".csv")
            || (!lower.endsWith(".stix")
                && !lower.endsWith(".json")
                && requested == ThreatFeedFormat.CSV);
    return csv ? EntryFormat.lines(RecordFormat.CSV, max) : EntryFormat.json("objects", max);
  }
}
