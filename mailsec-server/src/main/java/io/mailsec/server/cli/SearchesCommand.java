package io.mailsec.server.cli;

import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.core.ql.QuerySyntaxException;
import io.mailsec.core.ql.SavedSearch;
import io.mailsec.server.config.SavedSearchRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailsec searches ...}: named queries, run with {@code mailsec search --saved NAME}. */
@Command(
    name = "searches",
    description =
        "Save, list and remove named searches (run one with: mailsec search --saved NAME).",
    mixinStandardHelpOptions = true,
    subcommands = {
      SearchesCommand.Save.class,
      SearchesCommand.ListCmd.class,
      SearchesCommand.Remove.class
    })
final class SearchesCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "save",
      description = "Save a query under a name (replaces one of the same name).",
      mixinStandardHelpOptions = true)
  static final class Save implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "QUERY")
    String query;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try {
        QueryLanguage.standard().parse(query);
      } catch (QuerySyntaxException e) {
        SearchCommand.printError(spec.commandLine().getErr(), query, e.error());
        return 2;
      }
      Instant now = Instant.now();
      SavedSearch stored =
          new SavedSearchRepository(data.resolve())
              .save(new SavedSearch(name, query, System.getProperty("user.name", "cli"), now, now));
      spec.commandLine()
          .getOut()
          .println(
              "Saved '"
                  + stored.name()
                  + "'. Run it: mailsec search --saved '"
                  + stored.name()
                  + "'");
      return 0;
    }
  }

  @Command(name = "list", description = "List saved searches.", mixinStandardHelpOptions = true)
  static final class ListCmd implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<SavedSearch> all = new SavedSearchRepository(data.resolve()).list();
      if (all.isEmpty()) {
        spec.commandLine()
            .getOut()
            .println("No saved searches. Save one: mailsec searches save NAME 'QUERY'");
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("NAME", "OWNER", "UPDATED", "QUERY"));
      for (SavedSearch s : all) {
        rows.add(List.of(s.name(), s.owner(), s.updated().toString(), s.query()));
      }
      Tables.print(spec.commandLine().getOut(), rows);
      return 0;
    }
  }

  @Command(name = "remove", description = "Remove a saved search.", mixinStandardHelpOptions = true)
  static final class Remove implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Parameters(paramLabel = "NAME")
    String name;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (!new SavedSearchRepository(data.resolve()).remove(name)) {
        spec.commandLine().getErr().println("No saved search named '" + name + "'.");
        return 2;
      }
      spec.commandLine().getOut().println("Removed '" + name + "'.");
      return 0;
    }
  }
}
