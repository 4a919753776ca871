package io.mailsec.mimecast.client;

import io.mailsec.core.Secret;
import java.util.Objects;

/** An API 1.0 binding as returned by {@code /api/login/login}: access key and secret key. */
public record Api1Binding(String accessKey, Secret secretKey) {

  public Api1Binding {
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
  }
}
