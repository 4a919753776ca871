package io.mailsec.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonListFileTest {
  record Entry(String writer, int n) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::writer).thenComparingInt(Entry::n);
  private static final int PER_WRITER = 200;

  @TempDir Path dir;

  @Test
  void writersInTwoProcessesAndTwoThreadsLoseNothing() throws Exception {
    Path file = dir.resolve("entries.json");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ChildWriter.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    // Start writing only once the child is writing too, so that the writers really overlap.
    Path started = Path.of(file + ".child-started");
    for (int i = 0; i < 600 && !Files.exists(started) && child.isAlive(); i++) {
      Thread.sleep(50);
    }
    Thread second = new Thread(() -> append(new JsonListFile<>(file, Entry.class, ORDER), "t2"));
    second.start();
    append(new JsonListFile<>(file, Entry.class, ORDER), "t1");
    second.join();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(new String(child.getInputStream().readAllBytes())).isZero();

    List<Entry> all = new JsonListFile<>(file, Entry.class, ORDER).read();
    List<Entry> expected = new ArrayList<>();
    for (String writer : List.of("child", "t1", "t2")) {
      for (int i = 0; i < PER_WRITER; i++) {
        expected.add(new Entry(writer, i));
      }
    }
    assertThat(all).containsExactlyElementsOf(expected);
  }

  @Test
  void aFailedChangeLeavesTheFileAsItWasAndReadsSeeOtherInstancesChanges() throws Exception {
    Path file = dir.resolve("entries.json");
    JsonListFile<Entry> server = new JsonListFile<>(file, Entry.class, ORDER);
    JsonListFile<Entry> cli = new JsonListFile<>(file, Entry.class, ORDER);
    server.update(all -> all.add(new Entry("a", 1)));
    assertThat(cli.read()).containsExactly(new Entry("a", 1));
    String before = Files.readString(file);

    assertThatThrownBy(
            () ->
                cli.update(
                    all -> {
                      all.clear();
                      throw new IllegalStateException("refused");
                    }))
        .hasMessage("refused");
    assertThat(Files.readString(file)).isEqualTo(before);

    cli.update(all -> all.add(new Entry("b", 2)));
    assertThat(server.read()).containsExactly(new Entry("a", 1), new Entry("b", 2));
  }

  private static void append(JsonListFile<Entry> list, String writer) {
    for (int i = 0; i < PER_WRITER; i++) {
      Entry e = new Entry(writer, i);
      list.update(all -> all.add(e));
    }
  }

  /** The other process: appends its entries to the file named by its argument. */
  public static final class ChildWriter {
    public static void main(String[] args) throws java.io.IOException {
      Files.createFile(Path.of(args[0] + ".child-started"));
      append(new JsonListFile<>(Path.of(args[0]), Entry.class, ORDER), "child");
    }
  }
}
