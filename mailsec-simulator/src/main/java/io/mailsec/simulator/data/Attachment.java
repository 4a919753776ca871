package io.mailsec.simulator.data;

import java.util.Locale;

/**
 * A file attached to a generated message. The hashes are random (there is no content), but stable
 * per file, so the same malicious file seen in several messages carries the same hashes.
 *
 * @param virusName the AV signature when the file is malicious, otherwise {@code null}
 */
public record Attachment(
    String fileName,
    String mimeType,
    int sizeBytes,
    String md5,
    String sha1,
    String sha256,
    String virusName) {

  public boolean malicious() {
    return virusName != null;
  }

  public String extension() {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  static Attachment random(Rng rng, String fileName, String mimeType, String virusName) {
    return new Attachment(
        fileName,
        mimeType,
        rng.between(900, 2_400_000),
        rng.hex(32),
        rng.hex(40),
        rng.hex(64),
        virusName);
  }
}
