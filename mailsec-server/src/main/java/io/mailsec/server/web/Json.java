package io.mailsec.server.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.util.stream.Collectors;

/**
 * The API's JSON: one strict mapper for request bodies (unknown fields, wrong types, coerced
 * scalars, trailing data and over-deep documents are errors) and responses (ISO-8601 times).
 */
public final class Json {
  /** Request bodies nest far less than this; deeper documents are rejected before binding. */
  static final int MAX_DEPTH = 32;

  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
  }

  private Json() {}

  /**
   * Binds the request body to {@code type}; every problem becomes a 400 naming the field, never a
   * 500.
   */
  public static <T> T body(Context ctx, Class<T> type) {
    String text = ctx.body();
    if (text.isBlank()) {
      throw new ApiException(400, "bad_json", "a JSON object is required as the request body");
    }
    try {
      T value = MAPPER.readValue(text, type);
      if (value == null) {
        throw new ApiException(400, "bad_json", "a JSON object is required as the request body");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw new ApiException(
          400,
          "unknown_field",
          "unknown field '" + clip(e.getPropertyName()) + "'; known: " + known(e),
          java.util.Map.of("field", clip(e.getPropertyName())));
    } catch (MismatchedInputException e) {
      String field = path(e);
      throw new ApiException(
          400,
          "wrong_type",
          field.isEmpty()
              ? "the body must be a JSON object of the documented shape"
              : "field '" + field + "' has the wrong type or value",
          field.isEmpty() ? java.util.Map.of() : java.util.Map.of("field", field));
    } catch (StreamConstraintsException e) {
      throw new ApiException(400, "bad_json", "the JSON document is too large or too deep");
    } catch (JsonParseException e) {
      throw new ApiException(
          400,
          "bad_json",
          "malformed JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr());
    } catch (JsonProcessingException e) {
      // Validation inside a request record's constructor lands here (wrapped by Jackson).
      Throwable cause = e.getCause();
      if (cause instanceof ApiException api) {
        throw api;
      }
      if (cause instanceof IllegalArgumentException iae && iae.getMessage() != null) {
        throw ApiException.badRequest(iae.getMessage());
      }
      throw new ApiException(400, "bad_json", "the body is not valid JSON of the documented shape");
    }
  }

  /** Echoes client text back only in bounded length. */
  static String clip(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= 64 ? text : text.substring(0, 64) + "…";
  }

  private static String path(MismatchedInputException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[")
        .transform(Json::clip);
  }

  private static String known(UnrecognizedPropertyException e) {
    return e.getKnownPropertyIds() == null
        ? "(none)"
        : e.getKnownPropertyIds().stream()
            .map(String::valueOf)
            .sorted()
            .collect(Collectors.joining(", "));
  }
}
