package io.mailsec.normalize.support;

import io.mailsec.core.event.Event;
import io.mailsec.normalize.Cidr;
import io.mailsec.normalize.NormalizationContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Mail direction: taken from Mimecast when it says so ({@code Dir}, {@code direction} or a route
 * that names a direction), otherwise derived from the configured internal domains and networks.
 *
 * <p>Derivation needs a known sender side and at least one recipient with a domain. The sender is
 * internal when Mimecast marks its domain internal, else when its domain is (a subdomain of) an
 * internal domain, else when its IP is in an internal network. Then: internal sender and only
 * internal recipients gives {@code internal}; internal sender and any external recipient {@code
 * outbound}; external sender and any internal recipient {@code inbound}; external to external
 * {@code external}.
 */
public final class Directions {
  public static final String INBOUND = "inbound";
  public static final String OUTBOUND = "outbound";
  public static final String INTERNAL = "internal";
  public static final String EXTERNAL = "external";

  private Directions() {}

  /** The normalized direction named by a Mimecast value such as {@code Inbound}, if it is one. */
  public static Optional<String> fromMimecast(Optional<String> value) {
    return value
        .map(v -> v.strip().toLowerCase(Locale.ROOT))
        .filter(v -> List.of(INBOUND, OUTBOUND, INTERNAL, EXTERNAL).contains(v));
  }

  /**
   * Sets {@code direction} and {@code direction_source} on the event.
   *
   * @param mimecast direction Mimecast gave, already normalized
   * @param senderInternalHint Mimecast's own "sender domain is internal" flag
   * @param senderDomain sender's domain if known
   * @param senderIp sender's IP if known
   * @param recipients all recipient addresses
   */
  public static void apply(
      Event.Builder event,
      NormalizationContext ctx,
      Optional<String> mimecast,
      Optional<Boolean> senderInternalHint,
      Optional<String> senderDomain,
      Optional<String> senderIp,
      List<String> recipients) {
    if (mimecast.isPresent()) {
      event.put("direction", mimecast.get()).put("direction_source", "mimecast");
      return;
    }
    Optional<Boolean> senderInternal =
        senderInternalHint
            .or(
                () ->
                    senderDomain
                        .filter(d -> !ctx.internalDomains().isEmpty())
                        .map(d -> isInternalDomain(ctx, d)))
            .or(
                () ->
                    senderIp
                        .filter(ip -> !ctx.internalNetworks().isEmpty())
                        .map(ip -> isInternalIp(ctx, ip)));
    List<Boolean> recipientInternal =
        ctx.internalDomains().isEmpty()
            ? List.of()
            : recipients.stream()
                .map(Addresses::domain)
                .flatMap(Optional::stream)
                .map(d -> isInternalDomain(ctx, d))
                .toList();
    if (senderInternal.isEmpty() || recipientInternal.isEmpty()) {
      return;
    }
    boolean anyInternal = recipientInternal.contains(true);
    boolean anyExternal = recipientInternal.contains(false);
    String direction;
    if (senderInternal.get()) {
      direction = anyExternal ? OUTBOUND : INTERNAL;
    } else {
      direction = anyInternal ? INBOUND : EXTERNAL;
    }
    event.put("direction", direction).put("direction_source", "enrichment");
  }

  static boolean isInternalDomain(NormalizationContext ctx, String domain) {
    String d = domain.toLowerCase(Locale.ROOT);
    for (String internal : ctx.internalDomains()) {
      if (d.equals(internal) || d.endsWith("." + internal)) {
        return true;
      }
    }
    return false;
  }

  static boolean isInternalIp(NormalizationContext ctx, String ip) {
    for (Cidr network : ctx.internalNetworks()) {
      if (network.contains(ip)) {
        return true;
      }
    }
    return false;
  }
}
