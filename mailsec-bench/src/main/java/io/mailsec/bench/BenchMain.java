package io.mailsec.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command line of the benchmark jar.
 *
 * <ul>
 *   <li>{@code ingest [--events N] [--batch N] [--warmups N] [--reps N] [--ram-mb N] [--seed N]
 *       [--dir PATH]}: prints progress and a table of min / median / max per configuration with its
 *       ratio to the raw-Lucene baseline of the same thread count.
 *   <li>{@code query --dir PATH [--events N] [--reuse] [--batch N] [--warmups N] [--rounds N]
 *       [--queries N] [--seed N] [--kinds a,b,c,d]}: prints p50 / p95 latency per query kind of our
 *       path and of the hand-written Lucene baseline, with the ratios.
 *   <li>{@code rules [--events N] [--batch N] [--warmups N] [--reps N] [--ram-mb N] [--indicators
 *       N] [--seed N] [--dir PATH]}: prints min / median / max events/s of store commits without
 *       and with detection (built-in pack, indicators loaded) and the ratio with / without.
 * </ul>
 */
public final class BenchMain {
  static final String USAGE =
      "usage: ingest [--events 300000] [--batch 5000] [--warmups 1] [--reps 3]"
          + " [--ram-mb 256] [--seed 42] [--dir <work dir>]\n"
          + "       query --dir <store dir> [--events 5000000] [--reuse] [--batch 5000]"
          + " [--warmups 1] [--rounds 3] [--queries 50] [--seed 42] [--kinds a,b,c,d]\n"
          + "       rules [--events 200000] [--batch 5000] [--warmups 1] [--reps 3]"
          + " [--ram-mb 256] [--indicators 1000] [--seed 42] [--dir <work dir>]";

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(USAGE);
      return;
    }
    try {
      switch (args.length == 0 ? "" : args[0]) {
        case "ingest" -> ingest(args);
        case "query" -> query(args);
        case "rules" -> rules(args);
        default -> throw new IllegalArgumentException(USAGE);
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  private static void ingest(String[] args) throws Exception {
    int events = 300_000;
    int batch = 5000;
    int warmups = 1;
    int reps = 3;
    double ramMb = 256;
    long seed = 42;
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    for (Option o : options(args, Set.of())) {
      switch (o.name()) {
        case "--events" -> events = o.intValue();
        case "--batch" -> batch = o.intValue();
        case "--warmups" -> warmups = o.intValue();
        case "--reps" -> reps = o.intValue();
        case "--ram-mb" -> ramMb = Double.parseDouble(o.value());
        case "--seed" -> seed = Long.parseLong(o.value());
        case "--dir" -> dir = Path.of(o.value());
        default -> throw o.unknown();
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
    Set<QueryBenchmark.Kind> kinds = EnumSet.allOf(QueryBenchmark.Kind.class);
    for (Option o : options(args, Set.of("--reuse"))) {
      switch (o.name()) {
        case "--reuse" -> reuse = true;
        case "--kinds" -> {
          kinds = EnumSet.noneOf(QueryBenchmark.Kind.class);
          for (String letter : o.value().split(",")) {
            kinds.add(QueryBenchmark.Kind.ofLetter(letter));
          }
        }
        case "--events" -> events = o.intValue();
        case "--batch" -> batch = o.intValue();
        case "--warmups" -> warmups = o.intValue();
        case "--rounds" -> rounds = o.intValue();
        case "--queries" -> queries = o.intValue();
        case "--seed" -> seed = Long.parseLong(o.value());
        case "--dir" -> dir = Path.of(o.value());
        default -> throw o.unknown();
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("query needs --dir <store directory>");
    }
    QueryBenchmark.Settings settings =
        new QueryBenchmark.Settings(
            events, dir, reuse, batch, warmups, rounds, queries, seed, kinds);
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
    for (Option o : options(args, Set.of())) {
      switch (o.name()) {
        case "--events" -> events = o.intValue();
        case "--batch" -> batch = o.intValue();
        case "--warmups" -> warmups = o.intValue();
        case "--reps" -> reps = o.intValue();
        case "--ram-mb" -> ramMb = Double.parseDouble(o.value());
        case "--indicators" -> indicators = o.intValue();
        case "--seed" -> seed = Long.parseLong(o.value());
        case "--dir" -> dir = Path.of(o.value());
        default -> throw o.unknown();
      }
    }
    Files.createDirectories(dir);
    RuleBenchmark.Settings settings =
        new RuleBenchmark.Settings(events, batch, warmups, reps, ramMb, indicators, seed, dir);
    RuleBenchmark.Result result = new RuleBenchmark(settings, System.out::println).run();
    System.out.println();
    System.out.print(rulesReport(result));
  }

  /** One {@code --name value} (or a bare flag, whose value is null) after the subcommand. */
  record Option(String name, String value) {
    int intValue() {
      return Integer.parseInt(value.replace("_", ""));
    }

    IllegalArgumentException unknown() {
      return new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
    }
  }

  /** The options after the subcommand; {@code flags} take no value. */
  static List<Option> options(String[] args, Set<String> flags) {
    List<Option> out = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String name = args[i];
      if (flags.contains(name)) {
        out.add(new Option(name, null));
      } else if (!name.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            (name.startsWith("--") ? name + " needs a value" : "unexpected '" + name + "'")
                + "\n"
                + USAGE);
      } else {
        out.add(new Option(name, args[++i]));
      }
    }
    return out;
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
                + "data profile: %,d events; %,d (%.2f %%) match at least one rule;"
                + " %,d marked by indicators; %,d alerts stored (%.1f per 1,000 events)%n",
            result.medianRatio(),
            result.events(),
            result.matchingEvents(),
            100 * result.matchingShare(),
            result.markedEvents(),
            result.alerts(),
            result.alertsPerThousandEvents()));
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
