package io.mailsec.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretVaultTest {
  @TempDir Path dir;

  @Test
  void encryptedValuesRoundTripAndNeverShowTheirPlaintext() {
    SecretVault vault = SecretVault.open(dir, Map.of());
    SecretRef.Encrypted stored = vault.encrypt("s3cr3t-client-secret");

    assertThat(stored.stored()).startsWith("enc:v1:").doesNotContain("s3cr3t");
    assertThat(stored.toString()).isEqualTo("<encrypted>");
    assertThat(vault.resolve(SecretRef.parse(stored.stored())).reveal())
        .isEqualTo("s3cr3t-client-secret");
    assertThat(vault.encrypt("s3cr3t-client-secret").payload())
        .as("a fresh nonce per value")
        .isNotEqualTo(stored.payload());
  }

  @Test
  void keyFileIsCreatedOwnerOnlyAndReusedOnReopen() throws Exception {
    SecretRef.Encrypted stored = SecretVault.open(dir, Map.of()).encrypt("value");
    Path keyFile = dir.resolve(SecretVault.KEY_FILE_NAME);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    assertThat(SecretVault.open(dir, Map.of()).resolve(stored).reveal()).isEqualTo("value");
  }

  @Test
  void keyFromEnvironmentWinsOverTheKeyFile() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    SecretVault fromEnv = SecretVault.open(dir, Map.of(SecretVault.MASTER_KEY_ENV, key));
    SecretRef.Encrypted stored = fromEnv.encrypt("value");

    assertThat(Files.exists(dir.resolve(SecretVault.KEY_FILE_NAME))).isFalse();
    assertThatThrownBy(() -> SecretVault.open(dir, Map.of()).resolve(stored))
        .isInstanceOf(SecretUnavailableException.class)
        .hasMessageContaining("master key");
  }

  @Test
  void tamperedCiphertextIsRejected() {
    SecretVault vault = SecretVault.open(dir, Map.of());
    byte[] raw = Base64.getDecoder().decode(vault.encrypt("value").payload());
    raw[raw.length - 1] ^= 1;
    SecretRef tampered = new SecretRef.Encrypted(Base64.getEncoder().encodeToString(raw));

    assertThatThrownBy(() -> vault.resolve(tampered))
        .isInstanceOf(SecretUnavailableException.class);
  }

  @Test
  void referencesResolveFromEnvironmentAndFiles() throws Exception {
    Path file = Files.writeString(dir.resolve("secret.txt"), "from-file\n");
    SecretVault vault = SecretVault.open(dir, Map.of("MC_SECRET", "from-env"));

    assertThat(vault.resolve(SecretRef.parse("env:MC_SECRET")).reveal()).isEqualTo("from-env");
    assertThat(vault.resolve(SecretRef.parse("file:" + file)).reveal()).isEqualTo("from-file");
    assertThatThrownBy(() -> vault.resolve(SecretRef.parse("env:MISSING")))
        .hasMessageContaining("MISSING is not set");
    assertThatThrownBy(() -> vault.resolve(SecretRef.parse("file:" + dir.resolve("nope"))))
        .hasMessageContaining("cannot read secret file");
  }

  @Test
  void unknownStoredFormsAreRefusedWithTheAcceptedForms() {
    assertThatThrownBy(() -> SecretRef.parse("plaintext"))
        .hasMessageContaining("env:NAME, file:PATH");
    assertThatThrownBy(() -> SecretRef.parse("env:1BAD")).hasMessageContaining("not a valid");
  }
}
