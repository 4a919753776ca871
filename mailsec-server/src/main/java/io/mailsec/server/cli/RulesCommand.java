package io.mailsec.server.cli;

import io.mailsec.core.Durations;
import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.core.store.EventStore;
import io.mailsec.detect.Detection;
import io.mailsec.detect.DetectionConfig;
import io.mailsec.detect.RuleDryRun;
import io.mailsec.detect.RuleStates;
import io.mailsec.detect.RuleTester;
import io.mailsec.detect.StreamSilenceDetector;
import io.mailsec.detect.rule.CompiledRule;
import io.mailsec.detect.rule.Rule;
import io.mailsec.detect.rule.RuleException;
import io.mailsec.detect.rule.RuleParser;
import io.mailsec.detect.rule.RuleSet;
import io.mailsec.server.DataDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailsec rules ...}: list, validate, dry-run, enable and disable detection rules. */
@Command(
    name = "rules",
    description = "Detection rules: list, validate or dry-run a rule file, enable or disable.",
    mixinStandardHelpOptions = true,
    subcommands = {
      RulesCommand.ListCmd.class,
      RulesCommand.Validate.class,
      RulesCommand.TestCmd.class,
      RulesCommand.Enable.class,
      RulesCommand.Disable.class
    })
final class RulesCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "list",
      description = "List the built-in and custom rules with their state.",
      mixinStandardHelpOptions = true)
  static final class ListCmd implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Path root = data.resolve();
      RuleSet rules = Detection.loadRules(root, Detection.loadConfig(root));
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("ID", "ENABLED", "SEVERITY", "ORIGIN", "NAME"));
      for (CompiledRule r : rules.all()) {
        rows.add(
            List.of(
                r.id(),
                r.rule().enabled() ? "yes" : "no",
                r.rule().severity().wireName(),
                r.rule().origin(),
                r.rule().name()));
      }
      rows.add(
          List.of(
              StreamSilenceDetector.RULE_ID,
              "yes",
              "high",
              "builtin detector",
              "Collection stream stopped delivering data"));
      Tables.print(spec.commandLine().getOut(), rows);
      return 0;
    }
  }

  /** Parses, compiles and self-tests a rule file; prints problems. Null when it is unusable. */
  static CompiledRule check(Path file, Path dataDir, PrintWriter out, PrintWriter err) {
    Rule rule;
    try {
      rule = RuleParser.parse(Files.readString(file), file.getFileName().toString());
    } catch (IOException e) {
      err.println("Cannot read " + file + ": " + e.getMessage());
      return null;
    } catch (RuleException e) {
      e.problems().forEach(p -> err.println(file.getFileName() + ": " + p));
      return null;
    }
    DetectionConfig config = Detection.loadConfig(dataDir);
    CompiledRule compiled;
    RuleTester.Result result;
    try {
      compiled = CompiledRule.compile(rule, config, QueryLanguage.standard());
      result = RuleTester.test(rule, config);
    } catch (RuleException e) {
      e.problems().forEach(p -> err.println(file.getFileName() + ": " + p));
      return null;
    }
    out.println("Rule " + rule.id() + " is valid: " + compiled.expandedQuery());
    if (result.cases() == 0) {
      out.println("  (no tests: add tests.should_match and tests.should_not_match)");
    }
    result.failures().forEach(f -> err.println(file.getFileName() + ": test failed: " + f));
    if (!result.passed()) {
      return null;
    }
    if (result.cases() > 0) {
      out.println("  its " + result.cases() + " test case(s) pass");
    }
    return compiled;
  }

  @Command(
      name = "validate",
      description = "Check a rule file: format, query, group-by fields and its own tests.",
      mixinStandardHelpOptions = true)
  static final class Validate implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      CommandLine cli = spec.commandLine();
      return check(file, data.resolve(), cli.getOut(), cli.getErr()) == null ? 2 : 0;
    }
  }

  @Command(
      name = "test",
      description =
          "Validate a rule file, then dry-run it over stored history and show the alerts it would"
              + " have raised (nothing is stored; works while a server runs).",
      mixinStandardHelpOptions = true)
  static final class TestCmd implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(
        names = "--window",
        defaultValue = "7d",
        description = "How far back to replay, e.g. 24h, 7d (default: ${DEFAULT-VALUE}).")
    String window;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      CommandLine cli = spec.commandLine();
      PrintWriter out = cli.getOut();
      Duration span = Durations.parse(window, "--window");
      CompiledRule rule = check(file, data.resolve(), out, cli.getErr());
      if (rule == null) {
        return 2;
      }
      try (DataDirectory dir = DataDirectory.open(data.resolve())) {
        if (!dir.hasStore()) {
          out.println("No event store in " + dir.root() + " yet: nothing to replay.");
          return 0;
        }
        Instant now = Instant.now();
        RuleDryRun.Outcome outcome;
        try (EventStore store = dir.readOnlyStore()) {
          outcome = RuleDryRun.run(rule, store, now.minus(span), now, now);
        }
        out.println(
            "Over the last "
                + window
                + ": "
                + outcome.matchedEvents()
                + " matching event(s), "
                + outcome.alerts().size()
                + " alert(s) would have been raised"
                + (outcome.truncated() ? " (replay stopped at the event limit)" : "")
                + ".");
        if (!outcome.alerts().isEmpty()) {
          AlertsCommand.printTable(out, outcome.alerts(), false);
        }
      }
      return 0;
    }
  }

  abstract static class SetState implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Parameters(paramLabel = "RULE_ID")
    String id;

    @Spec CommandLine.Model.CommandSpec spec;

    abstract boolean enabled();

    @Override
    public Integer call() {
      Path root = data.resolve();
      RuleSet rules = Detection.loadRules(root, Detection.loadConfig(root));
      if (rules.get(id).isEmpty()) {
        spec.commandLine()
            .getErr()
            .println("No rule with id '" + id + "' (see: mailsec rules list).");
        return 2;
      }
      RuleStates.set(root.resolve(Detection.STATE_FILE), id, enabled());
      spec.commandLine()
          .getOut()
          .println(
              (enabled() ? "Enabled " : "Disabled ")
                  + id
                  + ". A running server applies it before its next commit.");
      return 0;
    }
  }

  @Command(name = "enable", description = "Enable a rule.", mixinStandardHelpOptions = true)
  static final class Enable extends SetState {
    @Override
    boolean enabled() {
      return true;
    }
  }

  @Command(name = "disable", description = "Disable a rule.", mixinStandardHelpOptions = true)
  static final class Disable extends SetState {
    @Override
    boolean enabled() {
      return false;
    }
  }
}
