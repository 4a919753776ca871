package io.mailsec.simulator.http;

/** The result of checking a request's credentials: a caller, or the error response to send. */
record AuthOutcome(Caller caller, SimResponse error) {
  static AuthOutcome allowed(Caller caller) {
    return new AuthOutcome(caller, null);
  }

  static AuthOutcome denied(SimResponse error) {
    return new AuthOutcome(null, error);
  }
}
