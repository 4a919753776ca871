package io.mailsec.simulator.http;

import io.mailsec.simulator.SimulatorCredentials;
import io.mailsec.simulator.SimulatorOptions;
import io.mailsec.simulator.data.Rng;
import io.mailsec.simulator.data.SimulatedAccount;
import io.mailsec.simulator.render.Siem1Renderer;
import io.mailsec.simulator.render.Siem2Renderer;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The state and collaborators every handler shares. */
final class SimContext {
  final SimulatorOptions options;
  final SimulatedAccount account;
  final SimulatorCredentials credentials;
  final FaultSwitch faults;
  final Bindings bindings;
  final OAuthTokens tokens;
  final CursorCodec cursors;
  final byte[] urlSigningKey;
  final Siem1Renderer siem1;
  final Siem2Renderer siem2;
  final SiemFileCatalog files;
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile String baseUrl;

  SimContext(
      SimulatorOptions options,
      SimulatedAccount account,
      SimulatorCredentials credentials,
      FaultSwitch faults) {
    this.options = options;
    this.account = account;
    this.credentials = credentials;
    this.faults = faults;
    this.bindings = new Bindings(options.seed(), credentials);
    this.tokens = new OAuthTokens(options.seed(), options.tokenLifetime());
    this.cursors = new CursorCodec(Rng.of(options.seed(), 0xC0550L).bytes(32));
    this.urlSigningKey = Rng.of(options.seed(), 0x51611L).bytes(32);
    this.siem1 = new Siem1Renderer(account.tenant());
    this.siem2 = new Siem2Renderer(account.tenant());
    this.files = new SiemFileCatalog(account, siem2);
  }

  Instant now() {
    return options.clock().instant();
  }

  void baseUrl(String value) {
    this.baseUrl = value;
  }

  /**
   * The base URL clients should use in links the simulator hands out (download URLs, {@code
   * region.api}): from the request's {@code Host} header, so links work through whatever address
   * the client used; the bound address otherwise.
   */
  String baseUrlFor(SimRequest request) {
    String host = request.header("host");
    return host == null || host.isBlank() ? baseUrl : "http://" + host.trim();
  }

  /** Waits up to the timeout, returning early when the simulator closes. */
  void pause(long millis) {
    try {
      closing.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void markClosing() {
    closing.countDown();
  }
}
