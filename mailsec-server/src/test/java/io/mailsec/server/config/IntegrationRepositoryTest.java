package io.mailsec.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.mimecast.client.DataType;
import io.mailsec.server.secrets.SecretRef;
import io.mailsec.server.secrets.SecretVault;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrationRepositoryTest {
  @TempDir Path dir;

  static IntegrationConfig api2(String name) {
    return new IntegrationConfig(
        name,
        "demo",
        "acme-corp",
        ApiVersion.V2,
        "global",
        null,
        null,
        null,
        null,
        null,
        "client-id",
        SecretRef.parse("env:MC_CLIENT_SECRET"),
        Set.of(DataType.SIEM, DataType.TTP_URL),
        null,
        Duration.ofDays(3),
        null,
        List.of("example.com"),
        List.of("10.0.0.0/8"),
        true,
        Instant.parse("2026-11-23T00:00:00Z"));
  }

  @Test
  void savesAndReadsBackWithoutStoringSecretsInClear() throws Exception {
    IntegrationRepository repo = new IntegrationRepository(dir);
    repo.add(api2("Mimecast2.0Demo"));

    IntegrationConfig read = repo.find("MIMECAST2.0DEMO").orElseThrow();
    assertThat(read).isEqualTo(api2("Mimecast2.0Demo"));
    assertThat(read.id()).isEqualTo("mimecast2.0demo");
    String file = Files.readString(dir.resolve(IntegrationRepository.FILE_NAME));
    assertThat(file).contains("\"env:MC_CLIENT_SECRET\"").contains("\"ttp-url\"");
  }

  @Test
  void namesAreUniqueWithoutRegardToCase() {
    IntegrationRepository repo = new IntegrationRepository(dir);
    repo.add(api2("Acme"));

    assertThatThrownBy(() -> repo.add(api2("ACME")))
        .isInstanceOf(InvalidIntegrationException.class)
        .hasMessageContaining("is taken by integration 'Acme'");
    repo.update("acme", api2("Acme").withEnabled(false));
    assertThat(repo.list()).singleElement().extracting(IntegrationConfig::enabled).isEqualTo(false);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    IntegrationConfig bad =
        new IntegrationConfig(
            "x".repeat(101),
            null,
            null,
            ApiVersion.V1,
            "uk",
            null,
            null,
            null,
            SecretRef.parse("env:MC_ACCESS_KEY"),
            null,
            null,
            null,
            Set.of(),
            Set.of("malware_everything"),
            Duration.ofDays(90),
            Duration.ofSeconds(1),
            List.of("not a domain"),
            List.of("10.0.0.0/33"),
            true,
            Instant.EPOCH);

    assertThat(IntegrationValidator.problems(bad, List.of()))
        .anyMatch(p -> p.startsWith("name: at most 100"))
        .anyMatch(p -> p.startsWith("app-id:"))
        .anyMatch(p -> p.startsWith("app-key:"))
        .anyMatch(p -> p.startsWith("secret-key:"))
        .anyMatch(p -> p.startsWith("region: 'uk' has no API 1.0 host"))
        .anyMatch(p -> p.startsWith("types:"))
        .anyMatch(p -> p.startsWith("feed-types:"))
        .anyMatch(p -> p.startsWith("look-back:"))
        .anyMatch(p -> p.startsWith("poll-interval:"))
        .anyMatch(p -> p.startsWith("internal-domains:"))
        .anyMatch(p -> p.startsWith("internal-networks:"));
  }

  @Test
  void explicitBaseUrlReplacesTheRegion() {
    IntegrationConfig local =
        new IntegrationConfig(
            "Local",
            null,
            null,
            ApiVersion.V2,
            null,
            URI.create("http://127.0.0.1:18089"),
            null,
            null,
            null,
            null,
            "id",
            SecretRef.parse("env:X"),
            Set.of(DataType.AUDIT),
            null,
            null,
            null,
            null,
            null,
            true,
            Instant.EPOCH);
    assertThat(IntegrationValidator.problems(local, List.of())).isEmpty();
  }

  @Test
  void updatingAnUnknownIntegrationFails() {
    assertThatThrownBy(() -> new IntegrationRepository(dir).update("ghost", api2("Ghost")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no integration named 'ghost'");
  }

  @Test
  void removeDeletesOnlyTheNamedIntegration() {
    IntegrationRepository repo = new IntegrationRepository(dir);
    repo.add(api2("One"));
    repo.add(api2("Two"));

    assertThat(repo.remove("one")).isTrue();
    assertThat(repo.remove("one")).isFalse();
    assertThat(repo.list()).extracting(IntegrationConfig::name).containsExactly("Two");
  }

  @Test
  void accessKeysStoredInClearByEarlierVersionsAreEncryptedOnFirstRead() throws Exception {
    String accessKey = "mYtOL3XZCOwG96BOiFTZRmDCv8v-legacy-access-key_0123456789";
    String legacy =
        """
        [ {
          "name" : "Legacy1",
          "apiVersion" : "1.0",
          "region" : "eu",
          "appId" : "8578fcfc-a305-4d9a-99cb-f4d5ecefe297",
          "appKey" : "env:MC_APP_KEY",
          "accessKey" : "%s",
          "secretKey" : "env:MC_SECRET_KEY",
          "dataTypes" : [ "siem" ],
          "enabled" : true,
          "createdAt" : "2026-01-01T00:00:00Z"
        }, {
          "name" : "Modern2",
          "apiVersion" : "2.0",
          "region" : "global",
          "clientId" : "client",
          "clientSecret" : "env:MC_CLIENT_SECRET",
          "dataTypes" : [ "audit" ],
          "enabled" : true,
          "createdAt" : "2026-01-01T00:00:00Z"
        } ]
        """
            .formatted(accessKey);
    Files.writeString(dir.resolve(IntegrationRepository.FILE_NAME), legacy);

    List<IntegrationConfig> read = new IntegrationRepository(dir).list();

    assertThat(read).extracting(IntegrationConfig::id).containsExactly("legacy1", "modern2");
    SecretRef migrated = read.get(0).accessKey();
    assertThat(migrated).isInstanceOf(SecretRef.Encrypted.class);
    assertThat(SecretVault.open(dir).resolve(migrated).reveal()).isEqualTo(accessKey);
    assertThat(read.get(1).accessKey()).isNull();
    String rewritten = Files.readString(dir.resolve(IntegrationRepository.FILE_NAME));
    assertThat(rewritten).doesNotContain(accessKey).contains(migrated.stored());
    assertThat(new IntegrationRepository(dir).list().get(0).accessKey()).isEqualTo(migrated);
    assertThat(Files.readString(dir.resolve(IntegrationRepository.FILE_NAME))).isEqualTo(rewritten);
  }
}
