package io.mailsec.simulator.data;

import java.util.List;

/**
 * The Impersonation Protect verdict for a message (shared by its SIEM rows and TTP log records).
 *
 * @param token the {@code MTOKEN:...} re-fetch id; the same for every recipient of the message, as
 *     in real data (it is not unique per record)
 * @param action {@code hold} or {@code none}
 */
public record Impersonation(
    String token,
    String definition,
    List<String> identifiers,
    String action,
    boolean taggedMalicious,
    boolean taggedExternal,
    List<Result> results) {

  public int hits() {
    return identifiers.size();
  }

  public boolean has(String identifier) {
    return identifiers.contains(identifier);
  }

  /**
   * One check that hit. Dictionary hits carry only {@code source} and {@code similarString}.
   *
   * @param similarDomain may be {@code null}
   * @param checkerResult may be {@code null}
   */
  public record Result(
      String source, String similarDomain, String similarString, String checkerResult) {}
}
