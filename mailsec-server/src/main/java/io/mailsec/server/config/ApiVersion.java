package io.mailsec.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The Mimecast API generation an integration talks to. */
public enum ApiVersion {
  /** Legacy API: HMAC-signed requests to a regional host with four keys. */
  V1("1.0"),
  /** API gateway with OAuth2 client credentials. */
  V2("2.0");

  private final String label;

  ApiVersion(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }

  @JsonCreator
  public static ApiVersion parse(String text) {
    String t = text.trim();
    if (t.equals("1.0") || t.equals("1")) {
      return V1;
    }
    if (t.equals("2.0") || t.equals("2")) {
      return V2;
    }
    throw new IllegalArgumentException("API version must be 1.0 or 2.0, not '" + text + "'");
  }
}
