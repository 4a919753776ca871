package io.mailsec.server.cli;

import io.mailsec.core.Secret;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.auth.AdminBootstrap;
import io.mailsec.server.collect.CollectorSupervisor;
import io.mailsec.server.secrets.SecretRef;
import io.mailsec.server.web.WebServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The web server options of {@code serve} and {@code demo}, and starting the server with them. */
final class WebOptions {
  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      defaultValue = WebServer.DEFAULT_HOST + ":" + WebServer.DEFAULT_PORT,
      description =
          "Address of the console and REST API (default ${DEFAULT-VALUE}; :PORT listens on all"
              + " interfaces, port 0 picks a free one).")
  String listen;

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE",
      description = "Serve HTTPS with the key and certificate of this PKCS#12 keystore.")
  Path tlsKeystore;

  @Option(
      names = "--tls-keystore-password",
      paramLabel = "env:VAR|file:PATH",
      description = "Where the keystore password is: an environment variable or a file.")
  String tlsKeystorePassword;

  @Option(
      names = "--metrics-public",
      description = "Serve /metrics without authentication (for a Prometheus scraper).")
  boolean metricsPublic;

  @Option(
      names = "--warm-up-rounds",
      paramLabel = "N",
      defaultValue = "" + WebServer.DEFAULT_WARM_UP_ROUNDS,
      description =
          "After starting, run the dashboards' queries N times in the background so that the"
              + " first dashboards after a start are as quick as later ones (default"
              + " ${DEFAULT-VALUE}; 0: off).")
  int warmUpRounds;

  /** HOST and PORT of {@code --listen}; an empty host means every interface. */
  static String[] hostAndPort(String listen) {
    int colon = listen.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("--listen: expected HOST:PORT, e.g. 127.0.0.1:8480");
    }
    String host = listen.substring(0, colon).strip();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String port = listen.substring(colon + 1).strip();
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException("--listen: the port must be 0 to 65535");
    }
    return new String[] {host.isEmpty() ? "0.0.0.0" : host, port};
  }

  /**
   * Creates the first admin if there is no user (printing a generated password once), starts the
   * server and prints its address. The caller closes the server.
   */
  WebServer start(DataDirectory dir, CollectorSupervisor collectors, PrintWriter out) {
    String[] hp = hostAndPort(listen);
    WebServer.Builder builder =
        WebServer.builder(dir)
            .collectors(collectors)
            .listen(hp[0], Integer.parseInt(hp[1]))
            .metricsPublic(metricsPublic)
            .warmUp(warmUpRounds);
    if (tlsKeystore != null) {
      builder.tls(tlsKeystore, keystorePassword(dir));
    } else if (tlsKeystorePassword != null) {
      throw new IllegalArgumentException("--tls-keystore-password needs --tls-keystore");
    }
    WebServer server = builder.build();
    AdminBootstrap.Outcome admin = AdminBootstrap.ensureAdmin(server.users(), System::getenv);
    server.start();
    out.println("Console and API:    " + server.baseUrl() + "/");
    if (admin.generatedPassword().isPresent()) {
      out.println(
          "First admin:        user "
              + AdminBootstrap.USERNAME
              + ", password "
              + admin.generatedPassword().get()
              + "  (shown only now; change it in the console, or set "
              + AdminBootstrap.PASSWORD_ENV
              + " before the first start)");
    } else if (admin.created()) {
      out.println(
          "First admin:        user "
              + AdminBootstrap.USERNAME
              + ", password from "
              + AdminBootstrap.PASSWORD_ENV);
    } else {
      out.println("Log in with an existing user (reset one: mailsec users passwd NAME).");
    }
    out.flush();
    return server;
  }

  private Secret keystorePassword(DataDirectory dir) {
    if (tlsKeystorePassword == null) {
      throw new IllegalArgumentException(
          "--tls-keystore needs --tls-keystore-password env:VAR or file:PATH");
    }
    SecretRef ref = SecretRef.parse(tlsKeystorePassword);
    if (ref instanceof SecretRef.Encrypted) {
      throw new IllegalArgumentException(
          "--tls-keystore-password: give env:VAR or file:PATH, not a value");
    }
    return dir.vault().resolve(ref);
  }
}
