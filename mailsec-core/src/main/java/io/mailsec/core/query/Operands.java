package io.mailsec.core.query;

import io.mailsec.core.event.EventJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a predicate operand as a value of a field's type, the same way for every store and for
 * {@link PredicateEvaluator} (see {@link Comparison} for the rules). Every method throws {@link
 * IllegalArgumentException} with a message naming the field when the operand does not fit.
 */
public final class Operands {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Operands() {}

  /** An inclusive interval of longs; {@code min <= max}. */
  public record LongInterval(long min, long max) {
    public boolean contains(long value) {
      return value >= min && value <= max;
    }
  }

  /** An inclusive interval of doubles (infinite ends allowed); {@code min <= max}. */
  public record DoubleInterval(double min, double max) {
    public boolean contains(double value) {
      return value >= min && value <= max;
    }
  }

  /** The operand as keyword text (not yet folded): numbers and booleans by their text. */
  public static String keywordText(Object operand) {
    if (operand instanceof String s) {
      return s;
    }
    if (operand instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    if (operand instanceof Instant i) {
      return EventJson.formatInstant(i);
    }
    return String.valueOf(operand);
  }

  /**
   * The values of a long field that satisfy {@code field op operand}, or empty when none can; for
   * {@link Operator#NE} this is the interval of {@code =} (the caller negates it).
   */
  public static Optional<LongInterval> longInterval(String field, Operator op, Object operand) {
    BigDecimal value = decimal(field, operand);
    BigInteger min = LONG_MIN;
    BigInteger max = LONG_MAX;
    switch (op) {
      case EQ, NE -> {
        if (value.stripTrailingZeros().scale() > 0) {
          return Optional.empty();
        }
        min = value.toBigIntegerExact();
        max = min;
      }
      case LT ->
          max = value.setScale(0, RoundingMode.CEILING).toBigInteger().subtract(BigInteger.ONE);
      case LE -> max = value.setScale(0, RoundingMode.FLOOR).toBigInteger();
      case GT -> min = value.setScale(0, RoundingMode.FLOOR).toBigInteger().add(BigInteger.ONE);
      case GE -> min = value.setScale(0, RoundingMode.CEILING).toBigInteger();
    }
    min = min.max(LONG_MIN);
    max = max.min(LONG_MAX);
    if (min.compareTo(max) > 0) {
      return Optional.empty();
    }
    return Optional.of(new LongInterval(min.longValueExact(), max.longValueExact()));
  }

  /** Like {@link #longInterval} for a double field. */
  public static DoubleInterval doubleInterval(String field, Operator op, Object operand) {
    double value = decimal(field, operand).doubleValue();
    double min = Double.NEGATIVE_INFINITY;
    double max = Double.POSITIVE_INFINITY;
    switch (op) {
      case EQ, NE -> {
        min = value;
        max = value;
      }
      case LT -> max = Math.nextDown(value);
      case LE -> max = value;
      case GT -> min = Math.nextUp(value);
      case GE -> min = value;
    }
    return new DoubleInterval(min, max);
  }

  /**
   * Like {@link #longInterval} for a timestamp field, in microseconds since the epoch (see {@link
   * #micros}).
   */
  public static Optional<LongInterval> timestampInterval(
      String field, Operator op, Object operand) {
    return longInterval(field, op, micros(instant(field, operand)));
  }

  /** The operand as an instant: an Instant or an ISO-8601 string with zone or offset. */
  public static Instant instant(String field, Object operand) {
    if (operand instanceof Instant i) {
      return i;
    }
    if (operand instanceof String s) {
      try {
        return Instant.parse(s.trim());
      } catch (DateTimeParseException e) {
        try {
          return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException again) {
          throw mismatch(field, "a timestamp", operand);
        }
      }
    }
    throw mismatch(field, "a timestamp", operand);
  }

  /** Microseconds since the epoch, rounded down; saturates beyond the long range. */
  public static long micros(Instant instant) {
    try {
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    } catch (ArithmeticException e) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** The operand as a boolean: a Boolean, or {@code true}/{@code false} in any case. */
  public static boolean bool(String field, Object operand) {
    if (operand instanceof Boolean b) {
      return b;
    }
    if (operand instanceof String s) {
      String folded = s.trim().toLowerCase(Locale.ROOT);
      if (folded.equals("true") || folded.equals("false")) {
        return folded.equals("true");
      }
    }
    throw mismatch(field, "true or false", operand);
  }

  /** The operand as an IP address or CIDR block. */
  public static IpRange ip(String field, Object operand) {
    if (operand instanceof String s) {
      Optional<IpRange> range = IpRange.parse(s);
      if (range.isPresent()) {
        return range.get();
      }
    }
    throw mismatch(field, "an IP address or CIDR block", operand);
  }

  /** The operand as a single IP address (16 bytes), for range comparisons. */
  public static byte[] ipAddress(String field, Object operand) {
    IpRange range = ip(field, operand);
    if (!range.isSingleAddress()) {
      throw new IllegalArgumentException(
          "field '" + field + "': a CIDR block can only be used with = and !=");
    }
    return range.first();
  }

  private static BigDecimal decimal(String field, Object operand) {
    if (operand instanceof Long l) {
      return BigDecimal.valueOf(l);
    }
    if (operand instanceof Double d) {
      return new BigDecimal(d);
    }
    if (operand instanceof String s) {
      try {
        BigDecimal parsed = new BigDecimal(s.trim());
        if (Math.abs(parsed.scale()) > 400) {
          throw mismatch(field, "a number", operand);
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw mismatch(field, "a number", operand);
      }
    }
    throw mismatch(field, "a number", operand);
  }

  private static IllegalArgumentException mismatch(String field, String expected, Object operand) {
    return new IllegalArgumentException(
        "field '" + field + "' needs " + expected + ", not " + Predicates.quote(operand));
  }
}
