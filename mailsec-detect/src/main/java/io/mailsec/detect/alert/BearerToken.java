package io.mailsec.detect.alert;

import io.mailsec.core.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a webhook's bearer token comes from, read for each request. */
@FunctionalInterface
public interface BearerToken {
  /**
   * The token to send now.
   *
   * @throws IOException when it cannot be read; the request then fails and is retried
   */
  Secret read() throws IOException;

  /**
   * The content of a file, read at each request, so that replacing the file rotates the token
   * without a restart. An empty file is an error: the webhook would refuse the request anyway.
   */
  static BearerToken fromFile(Path file) {
    return () -> {
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw new IOException("the webhook token file " + file + " is empty");
      }
      return Secret.of(token);
    };
  }
}
