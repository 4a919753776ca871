package io.mailsec.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Command line of the benchmark jar: {@code ingest [--events N] [--batch N] [--warmups N] [--reps
 * N] [--ram-mb N] [--seed N] [--dir PATH]}. Prints progress and a table of min / median / max per
 * configuration with its ratio to the raw-Lucene baseline of the same thread count.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !args[0].equals("ingest")) {
      System.err.println(
          "usage: ingest [--events 300000] [--batch 5000] [--warmups 1] [--reps 3]"
              + " [--ram-mb 256] [--seed 42] [--dir <work dir>]");
      System.exit(2);
    }
    int events = 300_000;
    int batch = 5000;
    int warmups = 1;
    int reps = 3;
    double ramMb = 256;
    long seed = 42;
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    for (int i = 1; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--events" -> events = Integer.parseInt(value);
        case "--batch" -> batch = Integer.parseInt(value);
        case "--warmups" -> warmups = Integer.parseInt(value);
        case "--reps" -> reps = Integer.parseInt(value);
        case "--ram-mb" -> ramMb = Double.parseDouble(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--dir" -> dir = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(dir);
    IngestBenchmark.Settings settings =
        new IngestBenchmark.Settings(events, batch, warmups, reps, ramMb, seed, dir);
    List<Measurement> results = new IngestBenchmark(settings, System.out::println).run();
    System.out.println();
    System.out.print(report(results));
  }

  /** The result table; ratios are to the median of the baseline with the same thread count. */
  static String report(List<Measurement> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-26s %2s %12s %12s %12s %s%n",
            "benchmark",
            "T",
            "min/s",
            "median/s",
            "max/s",
            "ratio to baseline (min/med/max)"));
    for (Measurement m : results) {
      double base =
          results.stream()
              .filter(b -> b.name().equals("raw Lucene baseline") && b.threads() == m.threads())
              .findFirst()
              .map(Measurement::median)
              .orElse(Double.NaN);
      sb.append(
          String.format(
              Locale.ROOT,
              "%-26s %2d %,12.0f %,12.0f %,12.0f %.2f / %.2f / %.2f%n",
              m.name(),
              m.threads(),
              m.min(),
              m.median(),
              m.max(),
              m.min() / base,
              m.median() / base,
              m.max() / base));
    }
    return sb.toString();
  }
}
