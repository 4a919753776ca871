package io.mailsec.normalize.siem;

import io.mailsec.normalize.support.RecordFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the impersonation booleans of SIEM rows (1.0 impersonation and process {@code IP*} flags,
 * 2.0 impersonation protect) into the identifier vocabulary of the TTP impersonation log, so one
 * field ({@code impersonation.identifiers}) answers "which indicators hit" for every source.
 */
final class ImpersonationFlags {
  private record Flag(String identifier, String... names) {}

  private static final List<Flag> FLAGS =
      List.of(
          new Flag("newly_observed_domain", "NewDomain", "IPNewDomain"),
          new Flag("reply_address_mismatch", "ReplyMismatch", "IPReplyMismatch"),
          new Flag("similar_internal_domain", "SimilarInternalDomain", "IPSimilarDomain"),
          new Flag("custom_external_domain", "SimilarCustomExternalDomain"),
          new Flag("mimecast_external_domain", "SimilarMimecastExternalDomain"),
          new Flag("internal_user_name", "InternalName", "internalUserName", "IPInternalName"),
          new Flag(
              "targeted_threat_dictionary",
              "ThreatDictionary",
              "mimecastThreatDictionary",
              "IPThreadDict"),
          new Flag("custom_threat_dictionary", "CustomThreatDictionary"),
          new Flag("custom_name_list", "CustomName", "customNameMatch"));

  private ImpersonationFlags() {}

  static List<String> identifiers(RecordFields record) {
    List<String> hits = new ArrayList<>();
    for (Flag flag : FLAGS) {
      if (record.bool(flag.names()).orElse(false)) {
        hits.add(flag.identifier());
      }
    }
    return hits;
  }
}
