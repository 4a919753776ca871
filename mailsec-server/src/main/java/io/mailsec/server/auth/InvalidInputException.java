package io.mailsec.server.auth;

import java.util.Map;

/**
 * A request to change users or tokens that cannot be carried out as asked; {@link #fields()} maps
 * each offending input field to what is wrong with it, in words for the person who typed it.
 */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Map<String, String> fields;

  public InvalidInputException(String field, String problem) {
    this(Map.of(field, problem));
  }

  public InvalidInputException(Map<String, String> fields) {
    super(fields.toString());
    this.fields = Map.copyOf(fields);
  }

  public Map<String, String> fields() {
    return fields;
  }
}
