package io.mailsec.mimecast.client;

import io.mailsec.core.Secret;
import java.net.URI;
import java.time.Duration;

/**
 * Runs in a child JVM with a small heap (see {@link StreamingMemoryTest}): downloads one batch file
 * and prints how many records and characters it read. Buffering the file would run out of memory.
 */
public final class StreamingMemoryProbe {
  private StreamingMemoryProbe() {}

  public static void main(String[] args) {
    URI url = URI.create(args[0]);
    MimecastClient client =
        MimecastClient.builder()
            .credentials(new Api2Credentials("probe", Secret.of("unused")))
            .baseUrl(URI.create(url.getScheme() + "://" + url.getAuthority()))
            .settings(ClientSettings.defaults().withReadIdleTimeout(Duration.ofSeconds(60)))
            .build();
    long records = 0;
    long chars = 0;
    try (RecordStream stream = client.siemBatch().download(new SiemBatchFile(url, -1, null))) {
      while (stream.hasNext()) {
        chars += stream.next().text().length();
        records++;
      }
    }
    System.out.println("records=" + records + " chars=" + chars);
  }
}
