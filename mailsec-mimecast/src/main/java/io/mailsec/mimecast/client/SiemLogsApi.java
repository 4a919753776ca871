package io.mailsec.mimecast.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * SIEM 1.0 file API ({@code POST /api/audit/get-siem-logs}): one log file per call, chained by the
 * {@code mc-siem-token} header. API 1.0 credentials only.
 */
public final class SiemLogsApi {
  /** A JSON answer up to this size is examined whole to tell "caught up" from a data file. */
  private static final int JSON_PROBE_BYTES = 1 << 20;

  private final ClientContext context;

  SiemLogsApi(ClientContext context) {
    this.context = context;
  }

  /** Fetches the file after {@code query.token()}; the caller must close the result. */
  public SiemLogFile fetch(SiemLogsQuery query) {
    if (context.api2()) {
      throw new IllegalStateException(
          "get-siem-logs is an API 1.0 endpoint; with API 2.0 credentials use siemBatch()");
    }
    Endpoint endpoint = Endpoint.SIEM_LOGS;
    ObjectNode item = Json.MAPPER.createObjectNode();
    item.put("type", "MTA");
    item.put("fileFormat", query.format().wireName());
    item.put("compress", query.compress());
    if (query.token() != null) {
      item.put("token", query.token());
    }
    Response response =
        context
            .transport()
            .send(
                ApiRequest.postForFile(
                    context.uri(endpoint.path()),
                    endpoint,
                    ClientContext.bytes(ClientContext.envelope(null, null, item)),
                    context.authenticator()));
    String token = response.header("mc-siem-token").orElse(null);
    String fileName = Payloads.fileName(response.header("Content-Disposition").orElse(null));
    try {
      BufferedInputStream body = new BufferedInputStream(response.body(), 64 * 1024);
      body.mark(JSON_PROBE_BYTES + 1);
      byte[] probe = body.readNBytes(JSON_PROBE_BYTES + 1);
      body.reset();
      if (probe.length <= JSON_PROBE_BYTES && startsWithBrace(probe)) {
        // Caught-up and error replies are small JSON envelopes, sometimes (errors) even when
        // labelled octet-stream; a small data file is told apart by its records.
        JsonNode tree = Json.treeOrNull(new String(probe, StandardCharsets.UTF_8));
        if (tree != null) {
          context.transport().checkEnvelope(tree, endpoint);
          if (response.isJson() && !hasRecords(tree)) {
            response.close();
            return new SiemLogFile(
                token != null ? token : query.token(), true, fileName, RecordStream.empty());
          }
        }
      }
      String origin = fileName != null ? fileName : "siem-file";
      RecordReader reader =
          Payloads.open(
              body,
              origin,
              name -> formatFor(name, query.format()),
              context.limits(),
              "SIEM file " + origin);
      return new SiemLogFile(
          token, false, fileName, new RecordStream(reader, response, "SIEM file " + origin));
    } catch (IOException e) {
      response.close();
      throw Payloads.bodyFailure(e, "SIEM file");
    } catch (RuntimeException e) {
      response.close();
      throw e;
    }
  }

  private static boolean startsWithBrace(byte[] bytes) {
    for (byte b : bytes) {
      if (b == '{') {
        return true;
      }
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return false;
  }

  private static boolean hasRecords(JsonNode tree) {
    JsonNode data = tree.path("data");
    return data.isArray() && !data.isEmpty() && !tree.path("meta").path("isLastToken").asBoolean();
  }

  /** The entry's extension wins over the requested format ({@code .log} files are key_value). */
  private EntryFormat formatFor(String name, SiemFileFormat requested) {
    String lower = name.toLowerCase(Locale.ROOT);
    int max = context.limits().maxRecordChars();
    boolean keyValue =
        lower.endsWith(".log")
            || (!lower.endsWith(".json") && requested == SiemFileFormat.KEY_VALUE);
    return keyValue
        ? EntryFormat.lines(RecordFormat.KEY_VALUE, max)
        : EntryFormat.json("data", max);
  }
}
