package io.mailsec.mimecast.client;

import java.time.Instant;
import java.util.List;

/**
 * A page of TTP impersonation protect logs.
 *
 * @param from window start, or null
 * @param to window end, or null
 * @param oldestFirst true to page from the oldest entry
 * @param taggedMalicious filter on the malicious tag, or null for no filter
 * @param searchField {@code senderAddress}, {@code recipientAddress}, {@code subject}, {@code
 *     policy}, {@code all}, or null
 * @param query the search text (required with {@code searchField}), or null
 * @param identifiers identifier filter (e.g. {@code internal_user_name}); empty for none
 * @param actions action filter ({@code hold}, {@code bounce}, {@code none}); empty for none
 * @param pageSize entries per page, or null
 * @param pageToken the previous page's {@link LogPage#nextPageToken()}, or null
 */
public record TtpImpersonationQuery(
    Instant from,
    Instant to,
    boolean oldestFirst,
    Boolean taggedMalicious,
    String searchField,
    String query,
    List<String> identifiers,
    List<String> actions,
    Integer pageSize,
    String pageToken) {

  public TtpImpersonationQuery {
    identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    actions = actions == null ? List.of() : List.copyOf(actions);
  }

  /** Everything in the window, oldest first. */
  public static TtpImpersonationQuery between(Instant from, Instant to) {
    return new TtpImpersonationQuery(
        from, to, true, null, null, null, List.of(), List.of(), null, null);
  }

  public TtpImpersonationQuery withPageSize(Integer value) {
    return new TtpImpersonationQuery(
        from,
        to,
        oldestFirst,
        taggedMalicious,
        searchField,
        query,
        identifiers,
        actions,
        value,
        pageToken);
  }

  public TtpImpersonationQuery withPageToken(String value) {
    return new TtpImpersonationQuery(
        from,
        to,
        oldestFirst,
        taggedMalicious,
        searchField,
        query,
        identifiers,
        actions,
        pageSize,
        value);
  }
}
