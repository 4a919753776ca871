package io.mailsec.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Command line of the benchmark jar.
 *
 * <ul>
 *   <li>{@code ingest [--events N] [--batch N] [--warmups N] [--reps N] [--ram-mb N] [--seed N]
 *       [--dir PATH]}: prints progress and a table of min / median / max per configuration with its
 *       ratio to the raw-Lucene baseline of the same thread count.
 *   <li>{@code query --dir PATH [--events N] [--reuse] [--batch N] [--warmups N] [--rounds N]
 *       [--queries N] [--seed N]}: prints p50 / p95 latency per query kind of our path and of the
 *       hand-written Lucene baseline, with the ratios.
 *   <li>{@code rules [--events N] [--batch N] [--warmups N] [--reps N] [--ram-mb N] [--indicators
 *       N] [--seed N] [--dir PATH]}: prints min / median / max events/s of store commits without
 *       and with detection (built-in pack, indicators loaded) and the ratio with / without.
 * </ul>
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("query")) {
      query(args);
      return;
    }
    if (args.length > 0 && args[0].equals("rules")) {
      rules(args);
      return;
    }
    if (args.length == 0 || !args[0].equals("ingest")) {
      System.err.println(
          "usage: ingest [--events 300000] [--batch 5000] [--warmups 1] [--reps 3]"
              + " [--ram-mb 256] [--seed 42] [--dir <work dir>]\n"
              + "       query --dir <store dir> [--events 5000000] [--reuse] [--batch 5000]"
              + " [--warmups 1] [--rounds 3] [--queries 50] [--seed 42]\n"
              + "       rules [--events 200000] [--batch 5000] [--warmups 1] [--reps 3]"
              + " [--ram-mb 256] [--indicators 1000] [--seed 42] [--dir <work dir>]");
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

  private static void query(String[] args) throws Exception {
    int events = 5_000_000;
    int batch = 5000;
    int warmups = 1;
    int rounds = 3;
    int queries = 50;
    long seed = 42;
    boolean reuse = false;
    Path dir = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--reuse")) {
        reuse = true;
        continue;
      }
      String value = args[++i];
      switch (args[i - 1]) {
        case "--events" -> events = Integer.parseInt(value);
        case "--batch" -> batch = Integer.parseInt(value);
        case "--warmups" -> warmups = Integer.parseInt(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--queries" -> queries = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--dir" -> dir = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("query needs --dir <store directory>");
    }
    QueryBenchmark.Settings settings =
        new QueryBenchmark.Settings(events, dir, reuse, batch, warmups, rounds, queries, seed);
    List<QueryBenchmark.Result> results = new QueryBenchmark(settings, System.out::println).run();
    System.out.println();
    System.out.print(queryReport(results));
  }

  private static void rules(String[] args) throws Exception {
    int events = 200_000;
    int batch = 5000;
    int warmups = 1;
    int reps = 3;
    double ramMb = 256;
    int indicators = 1000;
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
        case "--indicators" -> indicators = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--dir" -> dir = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(dir);
    RuleBenchmark.Settings settings =
        new RuleBenchmark.Settings(events, batch, warmups, reps, ramMb, indicators, seed, dir);
    RuleBenchmark.Result result = new RuleBenchmark(settings, System.out::println).run();
    System.out.println();
    System.out.print(rulesReport(result));
  }

  /** Events/s without and with detection, and with / without (target: at least 0.8). */
  static String rulesReport(RuleBenchmark.Result result) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT, "%-26s %12s %12s %12s%n", "configuration", "min/s", "median/s", "max/s"));
    for (Measurement m : List.of(result.direct(), result.detecting())) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-26s %,12.0f %,12.0f %,12.0f%n",
              m.name(),
              m.min(),
              m.median(),
              m.max()));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "ratio with / without detection (medians): %.2f (target >= 0.80)%n"
                + "alerts stored: %,d; events marked by indicators: %,d%n",
            result.medianRatio(),
            result.alerts(),
            result.markedEvents()));
    return sb.toString();
  }

  /** The query table: p50 / p95 in milliseconds of both sides and ours / baseline. */
  static String queryReport(List<QueryBenchmark.Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-38s %9s %9s %9s %9s %7s %7s %12s%n",
            "query kind",
            "ours p50",
            "ours p95",
            "base p50",
            "base p95",
            "x p50",
            "x p95",
            "hits"));
    for (QueryBenchmark.Result r : results) {
      double op50 = QueryBenchmark.Result.percentile(r.oursMillis(), 50);
      double op95 = QueryBenchmark.Result.percentile(r.oursMillis(), 95);
      double bp50 = QueryBenchmark.Result.percentile(r.baselineMillis(), 50);
      double bp95 = QueryBenchmark.Result.percentile(r.baselineMillis(), 95);
      sb.append(
          String.format(
              Locale.ROOT,
              "%-38s %9.2f %9.2f %9.2f %9.2f %7.2f %7.2f %,12d%n",
              r.kind().label,
              op50,
              op95,
              bp50,
              bp95,
              op50 / bp50,
              op95 / bp95,
              r.hits()));
    }
    sb.append(
        "(milliseconds; x = ours / baseline; hits = matches summed over the timed queries)\n");
    return sb.toString();
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
