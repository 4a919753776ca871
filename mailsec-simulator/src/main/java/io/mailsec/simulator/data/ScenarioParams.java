package io.mailsec.simulator.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parameters of one injection, validated against what its scenario accepts. Values are strings;
 * lists are comma-separated. Accessors throw {@link IllegalArgumentException} with a message fit
 * for the admin endpoint's 400 answer.
 */
final class ScenarioParams {
  private final ScenarioType type;
  private final Map<String, String> values;

  ScenarioParams(ScenarioType type, Map<String, String> values) {
    this.type = type;
    this.values = new TreeMap<>(values);
    for (String name : this.values.keySet()) {
      if (!type.params().contains(name)) {
        throw new IllegalArgumentException(
            "scenario "
                + type.specName()
                + " has no parameter '"
                + name
                + "'; known: "
                + new TreeSet<>(type.params()));
      }
    }
  }

  String text(String name, String fallback) {
    String value = values.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  int integer(String name, int fallback, int min, int max) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " must be a whole number in [" + min + ", " + max + "]: " + value);
  }

  /** One of the allowed values (case-insensitive); the first allowed value is the default. */
  String choice(String name, String... allowed) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      return allowed[0];
    }
    String lower = value.trim().toLowerCase(Locale.ROOT);
    for (String option : allowed) {
      if (option.equals(lower)) {
        return option;
      }
    }
    throw new IllegalArgumentException(name + " must be one of " + List.of(allowed) + ": " + value);
  }

  List<String> list(String name, List<String> fallback) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException(name + " must list at least one value");
    }
    return List.copyOf(items);
  }

  /** An e-mail address ({@code local@domain}). */
  String address(String name, String fallback) {
    String value = text(name, fallback);
    int at = value.indexOf('@');
    if (at < 1 || at != value.lastIndexOf('@') || at == value.length() - 1) {
      throw new IllegalArgumentException(name + " must be an e-mail address: " + value);
    }
    return value.toLowerCase(Locale.ROOT);
  }

  /** A lower-case SHA-256 hex digest. */
  String sha256(String name, String fallback) {
    String value = text(name, fallback).toLowerCase(Locale.ROOT);
    if (!value.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(name + " must be 64 hex digits: " + value);
    }
    return value;
  }

  ScenarioType type() {
    return type;
  }

  /** The parameters as given, sorted by name. */
  Map<String, String> asMap() {
    return values;
  }
}
