package io.mailsec.simulator.http;

import java.io.IOException;
import java.time.Instant;

/** Serves one API function after authentication and rate limiting have passed. */
@FunctionalInterface
interface ApiHandler {
  /**
   * @param now the instant the request is served at; all data availability derives from it
   */
  SimResponse handle(SimRequest request, Caller caller, Instant now) throws IOException;
}
