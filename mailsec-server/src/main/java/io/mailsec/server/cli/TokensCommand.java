package io.mailsec.server.cli;

import io.mailsec.server.auth.ApiToken;
import io.mailsec.server.auth.TokenStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailsec tokens ...}: API tokens for scripts, managed on the data directory's files. A
 * token acts with its owner's current role; its value is printed once, at creation, and only its
 * hash is stored. A running server honours a revocation on its next request.
 */
@Command(
    name = "tokens",
    description = "Create, list and revoke API tokens.",
    mixinStandardHelpOptions = true,
    subcommands = {
      TokensCommand.Create.class,
      TokensCommand.ListCmd.class,
      TokensCommand.Revoke.class
    })
final class TokensCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "create",
      description = "Create a token acting as a user; prints its value once.",
      mixinStandardHelpOptions = true)
  static final class Create extends LocalAdminCommand {
    @Option(names = "--user", required = true, description = "The user the token acts as.")
    String user;

    @Option(
        names = "--name",
        required = true,
        paramLabel = "LABEL",
        description = "What the token is for, e.g. \"splunk export\".")
    String name;

    @Override
    int change(LocalAdmin admin, PrintWriter out) throws Exception {
      TokenStore.Issued issued = admin.tokens().create(user, name);
      ApiToken token = issued.token();
      admin.audit("token.create", token.id(), Map.of("name", token.name(), "owner", token.owner()));
      out.println(
          "Created token "
              + token.id()
              + " ("
              + token.name()
              + ") acting as "
              + token.owner()
              + ". Its value is shown only now; send it as 'Authorization: Bearer VALUE':");
      out.println(issued.value());
      return 0;
    }
  }

  @Command(
      name = "list",
      description = "List tokens (never their values).",
      mixinStandardHelpOptions = true)
  static final class ListCmd extends LocalAdminCommand {
    @Option(names = "--user", description = "Only the tokens of this user.")
    String user;

    @Override
    int change(LocalAdmin admin, PrintWriter out) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("ID", "NAME", "USER", "STARTS WITH", "CREATED"));
      for (ApiToken t : admin.tokens().list()) {
        if (user == null || t.ownedBy(user)) {
          rows.add(List.of(t.id(), t.name(), t.owner(), t.hint() + "…", t.created().toString()));
        }
      }
      if (rows.size() == 1) {
        out.println(
            "No API tokens. Create one with: mailsec tokens create --user NAME --name LABEL");
        return 0;
      }
      Tables.print(out, rows);
      return 0;
    }
  }

  @Command(name = "revoke", description = "Revoke a token.", mixinStandardHelpOptions = true)
  static final class Revoke extends LocalAdminCommand {
    @Parameters(paramLabel = "ID", description = "The token's id (see: mailsec tokens list).")
    String id;

    @Override
    int change(LocalAdmin admin, PrintWriter out) throws Exception {
      ApiToken token =
          admin
              .tokens()
              .find(id)
              .orElseThrow(
                  () ->
                      new LocalAdmin.NotFound(
                          "no token with id '" + id + "'. See: mailsec tokens list"));
      admin.tokens().revoke(token.id());
      admin.audit("token.revoke", token.id(), Map.of("owner", token.owner()));
      out.println("Revoked token " + token.id() + " (" + token.name() + ").");
      return 0;
    }
  }
}
