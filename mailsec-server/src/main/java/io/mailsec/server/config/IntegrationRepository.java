package io.mailsec.server.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.server.secrets.SecretRef;
import io.mailsec.server.secrets.SecretVault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved integrations of a data directory, in {@value #FILE_NAME}. Every change rewrites the
 * file atomically (write a temporary file, then rename), so a crash leaves either the old or the
 * new list, never a torn file. The file is owner-only because it names where secrets live.
 *
 * <p>Not safe for concurrent writers in different processes; the server and the CLI serialize
 * changes through one process at a time.
 *
 * <p>Files written before the API 1.0 access key became a secret hold it in clear; the first read
 * encrypts it with the data directory's {@link SecretVault} and rewrites the file.
 */
public final class IntegrationRepository {
  public static final String FILE_NAME = "integrations.json";

  private static final ObjectMapper JSON = mapper();

  private static final Logger LOG = LoggerFactory.getLogger(IntegrationRepository.class);
  private static final String ACCESS_KEY = "accessKey";

  private final Path dataDir;
  private final Path file;

  public IntegrationRepository(Path dataDir) {
    this.dataDir = dataDir;
    this.file = dataDir.resolve(FILE_NAME);
  }

  /** All integrations, sorted by id. */
  public synchronized List<IntegrationConfig> list() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      JsonNode tree = JSON.readTree(file.toFile());
      int migrated = encryptPlainAccessKeys(tree);
      if (migrated > 0) {
        JsonFiles.writeAtomically(file, JSON, tree);
        LOG.info(
            "encrypted the API 1.0 access key of {} integration(s) in {}", migrated, FILE_NAME);
      }
      List<IntegrationConfig> all =
          new ArrayList<>(
              JSON.readerFor(new TypeReference<List<IntegrationConfig>>() {}).readValue(tree));
      all.sort(Comparator.comparing(IntegrationConfig::id));
      return List.copyOf(all);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The integration whose id or name matches {@code nameOrId} (case-insensitive). */
  public Optional<IntegrationConfig> find(String nameOrId) {
    String id = IntegrationConfig.idOf(nameOrId);
    return list().stream().filter(i -> i.id().equals(id)).findFirst();
  }

  /**
   * Adds a new integration after validating it (its name must not be taken); throws {@link
   * InvalidIntegrationException} listing every problem.
   */
  public synchronized void add(IntegrationConfig integration) {
    List<IntegrationConfig> all = new ArrayList<>(list());
    validate(integration, all);
    all.add(integration);
    write(all);
  }

  /**
   * Replaces the integration {@code previousId} (which may be renamed by the new version); throws
   * {@link IllegalArgumentException} when there is none and {@link InvalidIntegrationException}
   * when the new version is invalid.
   */
  public synchronized void update(String previousId, IntegrationConfig integration) {
    List<IntegrationConfig> others = new ArrayList<>(list());
    String id = IntegrationConfig.idOf(previousId);
    if (!others.removeIf(i -> i.id().equals(id))) {
      throw new IllegalArgumentException("no integration named '" + previousId + "'");
    }
    validate(integration, others);
    others.add(integration);
    write(others);
  }

  private static void validate(IntegrationConfig integration, List<IntegrationConfig> others) {
    List<String> problems = IntegrationValidator.problems(integration, others);
    if (!problems.isEmpty()) {
      throw new InvalidIntegrationException(problems);
    }
  }

  /** Removes an integration; returns false when there was none with that id. */
  public synchronized boolean remove(String nameOrId) {
    String id = IntegrationConfig.idOf(nameOrId);
    List<IntegrationConfig> all = new ArrayList<>(list());
    boolean removed = all.removeIf(i -> i.id().equals(id));
    if (removed) {
      write(all);
    }
    return removed;
  }

  /** Replaces access keys stored in clear by encrypted ones; returns how many it replaced. */
  private int encryptPlainAccessKeys(JsonNode tree) {
    int migrated = 0;
    SecretVault vault = null;
    for (JsonNode entry : tree) {
      JsonNode accessKey = entry.get(ACCESS_KEY);
      if (entry instanceof ObjectNode object
          && accessKey != null
          && accessKey.isTextual()
          && !isStoredSecret(accessKey.asText())) {
        if (vault == null) {
          vault = SecretVault.open(dataDir);
        }
        object.put(ACCESS_KEY, vault.encrypt(accessKey.asText()).stored());
        migrated++;
      }
    }
    return migrated;
  }

  private static boolean isStoredSecret(String text) {
    try {
      SecretRef.parse(text);
      return true;
    } catch (IllegalArgumentException plain) {
      return false;
    }
  }

  private void write(List<IntegrationConfig> all) {
    JsonFiles.writeAtomically(file, JSON, all);
  }

  private static ObjectMapper mapper() {
    SimpleModule module = new SimpleModule("mailsec-config");
    module.addSerializer(SecretRef.class, new SecretRefSerializer());
    module.addDeserializer(SecretRef.class, new SecretRefDeserializer());
    module.addSerializer(DataType.class, new DataTypeSerializer());
    module.addDeserializer(DataType.class, new DataTypeDeserializer());
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(module)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** Parses a data type id such as {@code ttp-url}. */
  public static DataType dataType(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    for (DataType type : DataType.values()) {
      if (type.id().equals(wanted)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown data type '" + id + "'; known: " + IntegrationValidator.Choices.ids());
  }

  private static final class SecretRefSerializer extends JsonSerializer<SecretRef> {
    @Override
    public void serialize(SecretRef value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeString(value.stored());
    }
  }

  private static final class SecretRefDeserializer extends JsonDeserializer<SecretRef> {
    @Override
    public SecretRef deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return SecretRef.parse(p.getValueAsString());
    }
  }

  private static final class DataTypeSerializer extends JsonSerializer<DataType> {
    @Override
    public void serialize(DataType value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeString(value.id());
    }
  }

  private static final class DataTypeDeserializer extends JsonDeserializer<DataType> {
    @Override
    public DataType deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return dataType(p.getValueAsString());
    }
  }
}
