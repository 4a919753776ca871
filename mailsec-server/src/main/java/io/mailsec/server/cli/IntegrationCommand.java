package io.mailsec.server.cli;

import io.mailsec.core.Durations;
import io.mailsec.mimecast.client.ClientSettings;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.mimecast.client.RateBudgets;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.collect.ConnectionTester;
import io.mailsec.server.collect.MimecastClients;
import io.mailsec.server.config.ApiVersion;
import io.mailsec.server.config.IntegrationConfig;
import io.mailsec.server.config.IntegrationRepository;
import io.mailsec.server.config.InvalidIntegrationException;
import io.mailsec.server.secrets.SecretRef;
import io.mailsec.server.secrets.SecretVault;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailsec integration ...}: manage the Mimecast accounts mailsec collects from. */
@Command(
    name = "integration",
    description = "Add, list, show, edit, enable, disable or remove Mimecast integrations.",
    mixinStandardHelpOptions = true,
    subcommands = {
      IntegrationCommand.Add.class,
      IntegrationCommand.ListCmd.class,
      IntegrationCommand.Show.class,
      IntegrationCommand.Edit.class,
      IntegrationCommand.Enable.class,
      IntegrationCommand.Disable.class,
      IntegrationCommand.Remove.class,
      IntegrationCommand.Test.class,
      BackfillCommand.class
    })
final class IntegrationCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options shared by add and edit; on edit, an option left out keeps its saved value. */
  static final class Settings {
    @Option(names = "--description", description = "Free text shown in listings.")
    String description;

    @Option(
        names = "--tenant",
        description = "Customer the integration belongs to (MSSPs); default: default.")
    String tenant;

    @Option(names = "--api", paramLabel = "1.0|2.0", description = "Mimecast API version.")
    String api;

    @Option(
        names = "--region",
        description =
            "Region: global, uk, us (2.0); eu, de, us, usb, uspcom, ca, za, au, je (1.0).")
    String region;

    @Option(
        names = "--base-url",
        description = "Explicit API base URL (e.g. a simulator); replaces --region.")
    URI baseUrl;

    @Option(names = "--client-id", description = "API 2.0 client id.")
    String clientId;

    @Option(names = "--client-secret", description = SECRET_HELP)
    String clientSecret;

    @Option(names = "--app-id", description = "API 1.0 application id.")
    String appId;

    @Option(names = "--app-key", description = SECRET_HELP)
    String appKey;

    @Option(names = "--access-key", description = "API 1.0 access key. " + SECRET_HELP)
    String accessKey;

    @Option(names = "--secret-key", description = SECRET_HELP)
    String secretKey;

    @Option(
        names = "--types",
        split = ",",
        description =
            "Data types: siem, ttp-url, ttp-attachment, ttp-impersonation, dlp, threat-intel,"
                + " audit.")
    List<String> types;

    @Option(
        names = "--feed-types",
        split = ",",
        description = "Threat-intel feeds: malware_customer, malware_grid (default both).")
    List<String> feedTypes;

    @Option(names = "--look-back", description = "History to fetch on the first run, e.g. 7d, 12h.")
    String lookBack;

    @Option(names = "--poll-interval", description = "Time between polls, e.g. 5m, 30s.")
    String pollInterval;

    @Option(
        names = "--internal-domains",
        split = ",",
        description = "Your mail domains, for direction when Mimecast does not give it.")
    List<String> internalDomains;

    @Option(
        names = "--internal-networks",
        split = ",",
        description = "Your IP ranges (CIDR), for direction when Mimecast does not give it.")
    List<String> internalNetworks;
  }

  static final String SECRET_HELP =
      "A secret: env:NAME or file:PATH (read when needed), '-' to type it at a prompt, "
          + "or the value itself (stored encrypted; avoid: it stays in your shell history).";

  @Command(name = "add", description = "Add an integration.", mixinStandardHelpOptions = true)
  static final class Add implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Option(names = "--name", required = true, description = "1-100 characters, unique.")
    String name;

    @ArgGroup(exclusive = false, multiplicity = "1")
    Settings settings = new Settings();

    @Option(names = "--disabled", description = "Save without starting collection.")
    boolean disabled;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      SecretVault vault = SecretVault.open(data.resolve());
      Settings s = settings;
      if (s.api == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--api 1.0|2.0 is required");
      }
      IntegrationConfig config =
          new IntegrationConfig(
              name,
              s.description,
              s.tenant,
              ApiVersion.parse(s.api),
              s.baseUrl == null && s.region == null ? "global" : s.region,
              s.baseUrl,
              s.appId,
              secret(vault, s.appKey, "application key"),
              secret(vault, s.accessKey, "access key"),
              secret(vault, s.secretKey, "secret key"),
              s.clientId,
              secret(vault, s.clientSecret, "client secret"),
              dataTypes(s.types),
              s.feedTypes == null ? null : Set.copyOf(s.feedTypes),
              s.lookBack == null ? null : Durations.parse(s.lookBack, "--look-back"),
              s.pollInterval == null ? null : Durations.parse(s.pollInterval, "--poll-interval"),
              s.internalDomains,
              s.internalNetworks,
              !disabled,
              Instant.now());
      return save(spec, () -> new IntegrationRepository(data.resolve()).add(config), config);
    }
  }

  @Command(name = "edit", description = "Change an integration.", mixinStandardHelpOptions = true)
  static final class Edit implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Parameters(index = "0", paramLabel = "NAME", description = "The integration to change.")
    String current;

    @Option(names = "--name", description = "A new name.")
    String newName;

    @ArgGroup(exclusive = false, multiplicity = "1")
    Settings settings = new Settings();

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      IntegrationRepository repo = new IntegrationRepository(data.resolve());
      IntegrationConfig old = find(spec, repo, current);
      SecretVault vault = SecretVault.open(data.resolve());
      Settings s = settings;
      SecretRef appKey = secret(vault, s.appKey, "application key");
      SecretRef accessKey = secret(vault, s.accessKey, "access key");
      SecretRef secretKey = secret(vault, s.secretKey, "secret key");
      SecretRef clientSecret = secret(vault, s.clientSecret, "client secret");
      IntegrationConfig config =
          new IntegrationConfig(
              newName == null ? old.name() : newName,
              s.description == null ? old.description() : s.description,
              s.tenant == null ? old.tenant() : s.tenant,
              s.api == null ? old.apiVersion() : ApiVersion.parse(s.api),
              s.region == null ? (s.baseUrl == null ? old.region() : null) : s.region,
              s.baseUrl == null ? (s.region == null ? old.baseUrl() : null) : s.baseUrl,
              s.appId == null ? old.appId() : s.appId,
              appKey == null ? old.appKey() : appKey,
              accessKey == null ? old.accessKey() : accessKey,
              secretKey == null ? old.secretKey() : secretKey,
              s.clientId == null ? old.clientId() : s.clientId,
              clientSecret == null ? old.clientSecret() : clientSecret,
              s.types == null ? old.dataTypes() : dataTypes(s.types),
              s.feedTypes == null ? old.feedTypes() : Set.copyOf(s.feedTypes),
              s.lookBack == null ? old.lookBack() : Durations.parse(s.lookBack, "--look-back"),
              s.pollInterval == null
                  ? old.pollInterval()
                  : Durations.parse(s.pollInterval, "--poll-interval"),
              s.internalDomains == null ? old.internalDomains() : s.internalDomains,
              s.internalNetworks == null ? old.internalNetworks() : s.internalNetworks,
              old.enabled(),
              old.createdAt());
      return save(spec, () -> repo.update(old.id(), config), config);
    }
  }

  @Command(name = "list", description = "List integrations.", mixinStandardHelpOptions = true)
  static final class ListCmd implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<IntegrationConfig> all = new IntegrationRepository(data.resolve()).list();
      if (all.isEmpty()) {
        out.println("No integrations yet. Add one with: mailsec integration add --help");
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("ID", "API", "HOST", "TYPES", "STATE"));
      for (IntegrationConfig i : all) {
        rows.add(
            List.of(
                i.id(),
                i.apiVersion().label(),
                i.baseUrl() != null ? i.baseUrl().toString() : i.region(),
                typeIds(i.dataTypes()),
                i.enabled() ? "enabled" : "disabled"));
      }
      Tables.print(out, rows);
      return 0;
    }
  }

  @Command(name = "show", description = "Show one integration.", mixinStandardHelpOptions = true)
  static final class Show extends OneIntegration {
    @Override
    public Integer call() {
      IntegrationConfig i = find(spec, new IntegrationRepository(data.resolve()), name);
      PrintWriter out = spec.commandLine().getOut();
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("name", i.name()));
      rows.add(List.of("id", i.id()));
      rows.add(List.of("description", i.description()));
      rows.add(List.of("tenant", i.tenant()));
      rows.add(List.of("api", i.apiVersion().label()));
      rows.add(List.of(i.baseUrl() != null ? "base url" : "region", host(i)));
      if (i.apiVersion() == ApiVersion.V1) {
        rows.add(List.of("app id", i.appId()));
        rows.add(List.of("app key", String.valueOf(i.appKey())));
        rows.add(List.of("access key", String.valueOf(i.accessKey())));
        rows.add(List.of("secret key", String.valueOf(i.secretKey())));
      } else {
        rows.add(List.of("client id", i.clientId()));
        rows.add(List.of("client secret", String.valueOf(i.clientSecret())));
      }
      rows.add(List.of("types", typeIds(i.dataTypes())));
      rows.add(List.of("feed types", String.join(",", i.feedTypes())));
      rows.add(List.of("look-back", Durations.describe(i.lookBack())));
      rows.add(List.of("poll interval", Durations.describe(i.pollInterval())));
      rows.add(List.of("internal domains", String.join(",", i.internalDomains())));
      rows.add(List.of("internal networks", String.join(",", i.internalNetworks())));
      rows.add(List.of("state", i.enabled() ? "enabled" : "disabled"));
      rows.add(List.of("created", String.valueOf(i.createdAt())));
      Tables.print(out, rows);
      return 0;
    }

    private static String host(IntegrationConfig i) {
      return i.baseUrl() != null ? i.baseUrl().toString() : i.region();
    }
  }

  @Command(name = "enable", description = "Start collecting.", mixinStandardHelpOptions = true)
  static final class Enable extends OneIntegration {
    @Override
    public Integer call() {
      return setEnabled(spec, data, name, true);
    }
  }

  @Command(name = "disable", description = "Stop collecting.", mixinStandardHelpOptions = true)
  static final class Disable extends OneIntegration {
    @Override
    public Integer call() {
      return setEnabled(spec, data, name, false);
    }
  }

  @Command(
      name = "remove",
      description = "Remove an integration (collected events stay in the store).",
      mixinStandardHelpOptions = true)
  static final class Remove extends OneIntegration {
    @Override
    public Integer call() {
      IntegrationRepository repo = new IntegrationRepository(data.resolve());
      IntegrationConfig i = find(spec, repo, name);
      repo.remove(i.id());
      spec.commandLine().getOut().println("Removed integration " + i.id() + ".");
      return 0;
    }
  }

  @Command(
      name = "test",
      description = "Probe every selected data type and say, per type, OK or what is wrong.",
      mixinStandardHelpOptions = true)
  static final class Test extends OneIntegration {
    @Override
    public Integer call() {
      try (DataDirectory dir = DataDirectory.open(data.resolve())) {
        IntegrationConfig i = find(spec, dir.integrations(), name);
        MimecastClients clients =
            new MimecastClients(dir.vault(), RateBudgets.create(), ClientSettings.defaults());
        List<ConnectionTester.Result> results =
            new ConnectionTester(Clock.systemUTC()).test(i, clients.forIntegration(i));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("DATA TYPE", "RESULT", "DETAIL"));
        for (ConnectionTester.Result r : results) {
          rows.add(List.of(r.type().id(), r.ok() ? "OK" : "FAILED", r.detail()));
        }
        Tables.print(spec.commandLine().getOut(), rows);
        return results.stream().allMatch(ConnectionTester.Result::ok) ? 0 : 3;
      }
    }
  }

  /** A subcommand about one existing integration, named by its only parameter. */
  abstract static class OneIntegration implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Parameters(paramLabel = "NAME", description = "The integration's name or id.")
    String name;

    @Spec CommandLine.Model.CommandSpec spec;
  }

  private static int setEnabled(
      CommandLine.Model.CommandSpec spec, DataDirOption data, String name, boolean on) {
    IntegrationRepository repo = new IntegrationRepository(data.resolve());
    IntegrationConfig i = find(spec, repo, name);
    repo.update(i.id(), i.withEnabled(on));
    spec.commandLine().getOut().println((on ? "Enabled " : "Disabled ") + i.id() + ".");
    return 0;
  }

  private static IntegrationConfig find(
      CommandLine.Model.CommandSpec spec, IntegrationRepository repo, String name) {
    return repo.find(name)
        .orElseThrow(
            () ->
                new CommandLine.ParameterException(
                    spec.commandLine(),
                    "No integration named '" + name + "'. See: mailsec integration list"));
  }

  private static int save(
      CommandLine.Model.CommandSpec spec, Runnable action, IntegrationConfig config) {
    try {
      action.run();
    } catch (InvalidIntegrationException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("Not saved; fix these and try again:");
      e.problems().forEach(p -> err.println("  - " + p));
      return 2;
    }
    spec.commandLine()
        .getOut()
        .println(
            "Saved integration "
                + config.id()
                + " ("
                + (config.enabled() ? "enabled" : "disabled")
                + "). Check it with: mailsec integration test "
                + config.id());
    return 0;
  }

  /** Turns a secret option into a reference; literal values are encrypted at once. */
  static SecretRef secret(SecretVault vault, String option, String what) {
    if (option == null) {
      return null;
    }
    if (option.equals("-")) {
      return vault.encrypt(readSecret(what));
    }
    if (option.startsWith("env:") || option.startsWith("file:")) {
      return SecretRef.parse(option);
    }
    return vault.encrypt(option);
  }

  private static String readSecret(String what) {
    Console console = System.console();
    if (console != null) {
      char[] typed = console.readPassword("%s: ", what);
      if (typed != null && typed.length > 0) {
        return new String(typed);
      }
      throw new IllegalArgumentException("no " + what + " entered");
    }
    try {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException("no " + what + " on standard input");
      }
      return line;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the " + what + " from standard input", e);
    }
  }

  static Set<DataType> dataTypes(List<String> ids) {
    if (ids == null) {
      return Set.of();
    }
    Set<DataType> types = new LinkedHashSet<>();
    for (String id : ids) {
      types.add(IntegrationRepository.dataType(id));
    }
    return types;
  }

  static String typeIds(Set<DataType> types) {
    List<String> ids = new ArrayList<>();
    for (DataType type : DataType.values()) {
      if (types.contains(type)) {
        ids.add(type.id());
      }
    }
    return String.join(",", ids);
  }
}
