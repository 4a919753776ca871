package io.mailsec.simulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.simulator.FaultType;
import io.mailsec.simulator.data.SiemEvent;
import io.mailsec.simulator.data.SiemType;
import io.mailsec.simulator.http.SiemFileCatalog.FileRef;
import io.mailsec.simulator.render.Formats;
import io.mailsec.simulator.render.Json;
import io.mailsec.simulator.render.SiemFiles;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/audit/get-siem-logs} (mimecast-api.md §3.1): one file per call in (period, type)
 * order, starting at the oldest retained file when no token is sent. {@code compress=true} returns
 * a ZIP of all remaining files of the same period. When nothing new is published the answer is the
 * JSON {@code isLastToken} body, with the token to resume from in {@code mc-siem-token}.
 *
 * <p>A token that does not come from this simulator, or whose position has aged out of the
 * retention window (files after it were deleted unseen), gets {@code err_audit_siem_invalid_token}:
 * the collector learns about the gap instead of silently skipping it.
 */
final class SiemLogsHandler {
  private static final SiemType LAST_TYPE = SiemType.values()[SiemType.values().length - 1];
  private static final String TOKEN_PREFIX = "siem1:";

  private final SimContext context;

  SiemLogsHandler(SimContext context) {
    this.context = context;
  }

  SimResponse handle(SimRequest request, Caller caller, Instant now) {
    ApiBody body = ApiBody.parse(request);
    if (body == null) {
      return ApiBody.malformed();
    }
    String type = body.text("type");
    if (type != null && !type.equalsIgnoreCase("MTA")) {
      return Envelopes.validation(
          "err_validation_invalid_value", "type", "type must be MTA", body.item());
    }
    String format = body.text("fileFormat");
    format = format == null ? "key_value" : format.toLowerCase(Locale.ROOT);
    if (!format.equals("json") && !format.equals("key_value")) {
      return Envelopes.validation(
          "err_validation_invalid_value",
          "fileFormat",
          "fileFormat must be json or key_value",
          body.item());
    }
    boolean compress = Boolean.TRUE.equals(body.bool("compress"));

    long oldest = context.account.oldestRetainedSiemPeriod(now);
    long newest = context.account.newestPublishedSiemPeriod(now);
    FileRef after = new FileRef(oldest - 1, LAST_TYPE, 0);
    String token = body.text("token");
    if (token != null) {
      Optional<FileRef> position = decode(token);
      if (position.isEmpty()) {
        return invalidToken(body.item(), "The SIEM token is not valid");
      }
      if (position.get().period() < oldest - 1) {
        return invalidToken(
            body.item(), "The SIEM token points at files that are no longer retained");
      }
      after = position.get();
    }

    List<FileRef> batch = new ArrayList<>();
    for (long period = Math.max(after.period(), oldest); period <= newest; period++) {
      for (FileRef file : context.files.v1Files(period)) {
        if (file.compareTo(after) > 0) {
          batch.add(file);
        }
      }
      if (!batch.isEmpty()) {
        break;
      }
    }
    if (batch.isEmpty()) {
      FileRef end = new FileRef(newest, LAST_TYPE, 0);
      return caughtUp(encode(end.compareTo(after) > 0 ? end : after));
    }
    List<FileRef> served = compress ? batch : batch.subList(0, 1);
    boolean json = format.equals("json");
    boolean broken = context.faults.fire(FaultType.MALFORMED_LINE, request.path());
    List<SiemFiles.NamedFile> files = new ArrayList<>();
    for (int i = 0; i < served.size(); i++) {
      files.add(render(served.get(i), json, broken && i == 0));
    }
    FileRef last = served.get(served.size() - 1);
    String name;
    byte[] content;
    if (compress) {
      name = "MTA_" + Formats.fileStamp(SiemFileCatalog.stamp(last)) + ".zip";
      content =
          SiemFiles.zip(
              files, LocalDateTime.ofInstant(SiemFileCatalog.stamp(last), ZoneOffset.UTC));
    } else {
      name = files.get(0).name();
      content = files.get(0).content();
    }
    return SimResponse.bytes(200, "application/octet-stream", content)
        .withHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .withHeader("mc-siem-token", encode(last));
  }

  private SiemFiles.NamedFile render(FileRef file, boolean json, boolean broken) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SiemEvent event : context.files.v1Events(file)) {
      rows.add(context.siem1.render(event));
    }
    int brokenIndex = broken ? rows.size() / 2 : -1;
    String name =
        file.type().filePrefix()
            + "_"
            + Formats.fileStamp(SiemFileCatalog.stamp(file))
            + (json ? ".json" : ".log");
    byte[] content =
        json
            ? SiemFiles.json(rows, SiemFileCatalog.twoDocuments(file), brokenIndex)
            : SiemFiles.keyValue(rows, brokenIndex);
    return new SiemFiles.NamedFile(name, content);
  }

  private SimResponse caughtUp(String token) {
    ObjectNode body = Json.object();
    ObjectNode meta = body.putObject("meta");
    meta.put("status", 200);
    meta.put("isLastToken", true);
    body.putArray("data");
    body.putArray("fail");
    return SimResponse.json(200, body).withHeader("mc-siem-token", token);
  }

  private static SimResponse invalidToken(ObjectNode item, String message) {
    return SimResponse.json(
        200, Envelopes.fail(400, "err_audit_siem_invalid_token", message, "token", false, item));
  }

  private String encode(FileRef position) {
    return context.cursors.seal(TOKEN_PREFIX + position.period() + ":" + position.type().ordinal());
  }

  private Optional<FileRef> decode(String token) {
    return context
        .cursors
        .open(token)
        .filter(payload -> payload.startsWith(TOKEN_PREFIX))
        .flatMap(
            payload -> {
              String[] parts = payload.substring(TOKEN_PREFIX.length()).split(":");
              try {
                return Optional.of(
                    new FileRef(
                        Long.parseLong(parts[0]),
                        SiemType.values()[Integer.parseInt(parts[1])],
                        0));
              } catch (RuntimeException e) {
                return Optional.empty();
              }
            });
  }
}
