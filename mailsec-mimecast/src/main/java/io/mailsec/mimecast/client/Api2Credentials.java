package io.mailsec.mimecast.client;

import io.mailsec.core.Secret;
import java.util.Objects;

/** API 2.0 credentials: the client id and client secret of an API 2.0 application. */
public record Api2Credentials(String clientId, Secret clientSecret) implements ApiCredentials {

  public Api2Credentials {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
  }

  @Override
  public String budgetKey() {
    return "api2:" + clientId;
  }
}
