package io.mailsec.server.collect;

import io.mailsec.mimecast.client.Api1Credentials;
import io.mailsec.mimecast.client.Api2Credentials;
import io.mailsec.mimecast.client.ApiCredentials;
import io.mailsec.mimecast.client.ClientSettings;
import io.mailsec.mimecast.client.MimecastClient;
import io.mailsec.mimecast.client.RateBudgets;
import io.mailsec.mimecast.client.Region;
import io.mailsec.server.config.ApiVersion;
import io.mailsec.server.config.IntegrationConfig;
import io.mailsec.server.secrets.SecretVault;

/**
 * Builds the Mimecast client of an integration. All clients built with the same {@link RateBudgets}
 * share one budget per credential, so integrations that reuse credentials do not overrun Mimecast's
 * quota between them.
 */
public final class MimecastClients {
  private final SecretVault vault;
  private final RateBudgets budgets;
  private final ClientSettings settings;

  public MimecastClients(SecretVault vault, RateBudgets budgets, ClientSettings settings) {
    this.vault = vault;
    this.budgets = budgets;
    this.settings = settings;
  }

  /** Resolves the integration's secrets and builds its client. */
  public MimecastClient forIntegration(IntegrationConfig integration) {
    ApiCredentials credentials =
        integration.apiVersion() == ApiVersion.V1
            ? new Api1Credentials(
                integration.appId(),
                vault.resolve(integration.appKey()),
                vault.resolve(integration.accessKey()).reveal(),
                vault.resolve(integration.secretKey()))
            : new Api2Credentials(
                integration.clientId(), vault.resolve(integration.clientSecret()));
    MimecastClient.Builder builder =
        MimecastClient.builder().credentials(credentials).rateBudgets(budgets).settings(settings);
    if (integration.baseUrl() != null) {
      builder.baseUrl(integration.baseUrl());
    } else {
      builder.region(Region.fromId(integration.region()));
    }
    return builder.build();
  }
}
