package io.mailsec.mimecast.client;

import io.mailsec.core.Secret;
import java.util.Objects;

/**
 * API 1.0 credentials: the registered application (id + key) and the user binding (access key +
 * base64 secret key). The access key travels in clear in the {@code Authorization} header, so it is
 * an identifier, not a secret; the application key and the secret key only ever enter the HMAC.
 */
public record Api1Credentials(String appId, Secret appKey, String accessKey, Secret secretKey)
    implements ApiCredentials {

  public Api1Credentials {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(appKey, "appKey");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
  }

  /** The same application with a new binding, e.g. after {@link LoginApi#login}. */
  public Api1Credentials withBinding(Api1Binding binding) {
    return new Api1Credentials(appId, appKey, binding.accessKey(), binding.secretKey());
  }

  @Override
  public String budgetKey() {
    return "api1:" + accessKey;
  }
}
