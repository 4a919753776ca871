package io.mailsec.server.cli;

import io.mailsec.server.auth.Role;
import io.mailsec.server.auth.User;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailsec users ...}: the console's local users, managed on the data directory's files
 * without a running server (admin recovery: reset a forgotten password, add an admin). A running
 * server sees every change on its next request; a password change or removal ends the user's
 * console sessions there.
 */
@Command(
    name = "users",
    description = "Add, list, remove local users; set their password or role.",
    mixinStandardHelpOptions = true,
    subcommands = {
      UsersCommand.Add.class,
      UsersCommand.ListCmd.class,
      UsersCommand.Remove.class,
      UsersCommand.Passwd.class,
      UsersCommand.SetRole.class
    })
final class UsersCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", description = "Add a user.", mixinStandardHelpOptions = true)
  static final class Add extends LocalAdminCommand {
    @Parameters(paramLabel = "NAME", description = "1-64 characters: letters, digits, . _ @ -")
    String name;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description = "admin, analyst or viewer.")
    String role;

    @ArgGroup(exclusive = true)
    PasswordSource password;

    @Override
    int change(LocalAdmin admin, PrintWriter out) throws Exception {
      Role parsed = Role.parse(role);
      User user = admin.users().add(name, parsed, PasswordSource.read(password, name));
      admin.audit("user.create", user.username(), Map.of("role", user.role().id()));
      out.println("Added " + user.role().id() + " " + user.username() + ".");
      return 0;
    }
  }

  @Command(name = "list", description = "List users.", mixinStandardHelpOptions = true)
  static final class ListCmd extends LocalAdminCommand {
    @Override
    int change(LocalAdmin admin, PrintWriter out) {
      List<User> users = admin.users().list();
      if (users.isEmpty()) {
        out.println("No users yet. Add an admin with: mailsec users add NAME --role admin");
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("USERNAME", "ROLE", "CREATED", "PASSWORD CHANGED"));
      for (User u : users) {
        rows.add(
            List.of(
                u.username(),
                u.role().id(),
                u.created().toString(),
                u.passwordChanged().toString()));
      }
      Tables.print(out, rows);
      return 0;
    }
  }

  @Command(
      name = "remove",
      description = "Remove a user and revoke their API tokens.",
      mixinStandardHelpOptions = true)
  static final class Remove extends LocalAdminCommand {
    @Parameters(paramLabel = "NAME", description = "The user to remove.")
    String name;

    @Override
    int change(LocalAdmin admin, PrintWriter out) throws Exception {
      User user = requireUser(admin, name);
      admin.users().remove(user.username());
      int tokens = admin.tokens().revokeAllOf(user.username());
      admin.audit("user.delete", user.username(), Map.of("tokensRevoked", tokens));
      out.println(
          "Removed "
              + user.username()
              + (tokens == 0 ? "." : " and revoked " + tokens + " API token(s)."));
      return 0;
    }
  }

  @Command(
      name = "passwd",
      description = "Set a user's password (ends their console sessions).",
      mixinStandardHelpOptions = true)
  static final class Passwd extends LocalAdminCommand {
    @Parameters(paramLabel = "NAME", description = "The user.")
    String name;

    @ArgGroup(exclusive = true)
    PasswordSource password;

    @Override
    int change(LocalAdmin admin, PrintWriter out) throws Exception {
      User user = requireUser(admin, name);
      admin.users().setPassword(user.username(), PasswordSource.read(password, name));
      admin.audit("user.update", user.username(), Map.of("changed", List.of("password")));
      out.println("Password of " + user.username() + " changed.");
      return 0;
    }
  }

  @Command(name = "role", description = "Set a user's role.", mixinStandardHelpOptions = true)
  static final class SetRole extends LocalAdminCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The user.")
    String name;

    @Parameters(index = "1", paramLabel = "ROLE", description = "admin, analyst or viewer.")
    String role;

    @Override
    int change(LocalAdmin admin, PrintWriter out) throws Exception {
      Role parsed = Role.parse(role);
      User user = admin.users().setRole(requireUser(admin, name).username(), parsed);
      admin.audit("user.update", user.username(), Map.of("changed", List.of("role")));
      out.println(user.username() + " is now " + user.role().id() + ".");
      return 0;
    }
  }

  private static User requireUser(LocalAdmin admin, String name) {
    return admin
        .users()
        .find(name)
        .orElseThrow(
            () -> new LocalAdmin.NotFound("no user named '" + name + "'. See: mailsec users list"));
  }
}
