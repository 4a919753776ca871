package io.mailsec.simulator;

import io.mailsec.simulator.data.Rng;
import java.util.Base64;
import java.util.Locale;

/**
 * The credentials the simulator accepts, derived from the seed (the same seed always gives the same
 * credentials, so a configured demo keeps working across restarts). These belong to a test double
 * and may be shown to its user; {@link #toString()} still masks the secret halves so they do not
 * end up in logs by accident.
 *
 * @param api1AppId API 1.0 application id ({@code x-mc-app-id})
 * @param api1AppKey API 1.0 application key (only inside the signature)
 * @param api1AccessKey the initial API 1.0 binding's access key
 * @param api1SecretKey the initial binding's secret key, base64 as Mimecast issues it
 * @param api1Email the API user, for discover-authentication and login
 * @param api1Password the API user's cloud password (login with {@code Basic-Cloud})
 * @param api2ClientId API 2.0 OAuth client id
 * @param api2ClientSecret API 2.0 OAuth client secret
 */
public record SimulatorCredentials(
    String api1AppId,
    String api1AppKey,
    String api1AccessKey,
    String api1SecretKey,
    String api1Email,
    String api1Password,
    String api2ClientId,
    String api2ClientSecret) {

  static SimulatorCredentials derive(long seed, String domain) {
    Rng rng = Rng.of(seed, 0xC8ED5L);
    return new SimulatorCredentials(
        uuid(rng),
        uuid(rng),
        rng.base64Url(86),
        Base64.getEncoder().encodeToString(rng.bytes(64)),
        "mailsec-api@" + domain,
        "Sim-" + rng.base64Url(16),
        rng.base64Url(32),
        rng.base64Url(48));
  }

  private static String uuid(Rng rng) {
    return String.format(
        Locale.ROOT, "%s-%s-%s-%s-%s", rng.hex(8), rng.hex(4), rng.hex(4), rng.hex(4), rng.hex(12));
  }

  @Override
  public String toString() {
    return "SimulatorCredentials[api1AppId="
        + api1AppId
        + ", api1AppKey=****, api1AccessKey="
        + api1AccessKey
        + ", api1SecretKey=****, api1Email="
        + api1Email
        + ", api1Password=****, api2ClientId="
        + api2ClientId
        + ", api2ClientSecret=****]";
  }
}
