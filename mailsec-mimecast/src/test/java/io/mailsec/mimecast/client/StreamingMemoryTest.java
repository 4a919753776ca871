package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Proves bounded memory: a child JVM with a 64 MB heap reads a gzip batch file that expands to over
 * 200 MB. Any client that buffered the body (or the decompressed text) would fail with an
 * OutOfMemoryError and a non-zero exit.
 */
class StreamingMemoryTest {
  private static final int RECORDS = 1_300_000;

  private static String record(int i) {
    return "{\"timestamp\":"
        + (1731451448010L + i)
        + ",\"type\":\"delivery\",\"aggregateId\":\"agg-"
        + i
        + "\",\"messageId\":\"<"
        + i
        + "@example.com>\",\"subject\":\"Quarterly report "
        + i
        + "\",\"route\":\"Accept and drop messages\"}";
  }

  @Test
  void aChildJvmWithA64MegabyteHeapStreamsA200MegabyteFile() throws Exception {
    long expectedChars = 0;
    for (int i = 0; i < RECORDS; i++) {
      expectedChars += record(i).length();
    }
    assertThat(expectedChars).isGreaterThan(200L * 1024 * 1024);
    try (FakeServer server = new FakeServer()) {
      server.on(
          "/batch/big.json.gz",
          (exchange, call) -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out =
                new GZIPOutputStream(exchange.getResponseBody(), 64 * 1024) {
                  {
                    def.setLevel(Deflater.BEST_SPEED);
                  }
                }) {
              for (int i = 0; i < RECORDS; i++) {
                out.write((record(i) + "\n").getBytes(StandardCharsets.UTF_8));
              }
            }
          });
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      String classPath =
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Process child =
          new ProcessBuilder(
                  List.of(
                      java.toString(),
                      "-Xmx64m",
                      "-cp",
                      classPath,
                      StreamingMemoryProbe.class.getName(),
                      server.baseUrl() + "/batch/big.json.gz"))
              .redirectErrorStream(true)
              .start();
      // The child's own read-idle timeout ends it if the stream stalls, so waiting cannot hang.
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = child.waitFor();

      assertThat(exit).as(output).isZero();
      assertThat(output).contains("records=" + RECORDS + " chars=" + expectedChars);
    }
  }
}
