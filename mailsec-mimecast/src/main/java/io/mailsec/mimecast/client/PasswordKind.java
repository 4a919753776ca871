package io.mailsec.mimecast.client;

/** Which password an API 1.0 login uses: the Mimecast cloud password or a directory password. */
public enum PasswordKind {
  CLOUD("Basic-Cloud"),
  DIRECTORY("Basic-AD");

  private final String scheme;

  PasswordKind(String scheme) {
    this.scheme = scheme;
  }

  /** The authorization scheme of {@code /api/login/login}. */
  String scheme() {
    return scheme;
  }
}
