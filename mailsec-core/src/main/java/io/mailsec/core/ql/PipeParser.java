package io.mailsec.core.ql;

import io.mailsec.core.ql.Token.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the stages after {@code |}, checking their columns with a {@link PipeChecker}. */
final class PipeParser {
  private static final Pattern BIN_WIDTH = Pattern.compile("(\\d+)([smhdwSMHDW])");

  private final TokenStream tokens;
  private final PipeChecker checker;

  PipeParser(TokenStream tokens, PipeChecker checker) {
    this.tokens = tokens;
    this.checker = checker;
  }

  /** Parses one stage; the {@code |} before it has been read. */
  Pipe pipe() {
    Token stage = tokens.peek();
    if (stage.kind() != Kind.WORD) {
      throw tokens.error(stage, "expected a stage after |: head, tail, sort, fields or aggregate");
    }
    tokens.next();
    switch (stage.upper()) {
      case "HEAD", "TAIL" -> {
        Token n = tokens.next();
        String name = stage.text().toLowerCase(Locale.ROOT);
        if (n.kind() != Kind.NUMBER || !n.text().matches("\\d{1,5}")) {
          throw tokens.error(n, name + " takes a number of rows from 1 to " + Pipe.MAX_ROWS);
        }
        int count = Integer.parseInt(n.text());
        if (count < 1 || count > Pipe.MAX_ROWS) {
          throw tokens.error(n, name + " takes a number of rows from 1 to " + Pipe.MAX_ROWS);
        }
        return name.equals("head") ? new Pipe.Head(count) : new Pipe.Tail(count);
      }
      case "SORT" -> {
        List<Pipe.SortColumn> columns = new ArrayList<>();
        do {
          Token at = tokens.peek();
          String column = columnReference();
          checker.checkSortColumn(column, at);
          boolean descending = false;
          if (tokens.peek().is("DESC")) {
            tokens.next();
            descending = true;
          } else if (tokens.peek().is("ASC")) {
            tokens.next();
          }
          columns.add(new Pipe.SortColumn(column, descending));
        } while (tokens.accept(Kind.COMMA));
        return new Pipe.Sort(columns);
      }
      case "FIELDS" -> {
        List<Token> positions = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        do {
          positions.add(tokens.peek());
          columns.add(columnReference());
        } while (tokens.accept(Kind.COMMA));
        checker.selectColumns(columns, positions);
        return new Pipe.Fields(columns);
      }
      case "AGGREGATE" -> {
        return aggregate(stage);
      }
      default ->
          throw tokens.error(
              stage,
              "unknown stage "
                  + stage.describe()
                  + "; use head, tail, sort, fields or aggregate"
                  + Suggestions.didYouMean(
                      stage.text().toLowerCase(Locale.ROOT),
                      List.of("head", "tail", "sort", "fields", "aggregate")));
    }
  }

  private Pipe aggregate(Token stage) {
    List<Pipe.Aggregation> functions = new ArrayList<>();
    List<Token> functionTokens = new ArrayList<>();
    do {
      Token name = tokens.peek();
      if (name.kind() != Kind.WORD) {
        throw tokens.error(
            name, "expected an aggregate function: count, count(f), distinct(f), ...");
      }
      tokens.next();
      functionTokens.add(name);
      functions.add(aggregation(name));
    } while (tokens.accept(Kind.COMMA));
    List<Pipe.GroupKey> keys = new ArrayList<>();
    List<Token> keyTokens = new ArrayList<>();
    if (tokens.peek().is("BY")) {
      tokens.next();
      do {
        keyTokens.add(tokens.peek());
        keys.add(groupKey());
      } while (tokens.accept(Kind.COMMA));
    }
    Pipe.Aggregate aggregate = new Pipe.Aggregate(functions, keys, stage.offset());
    checker.checkAggregate(aggregate, stage, functionTokens, keyTokens);
    return aggregate;
  }

  private Pipe.Aggregation aggregation(Token name) {
    Pipe.Function function;
    try {
      function = Pipe.Function.valueOf(name.upper());
    } catch (IllegalArgumentException e) {
      throw tokens.error(
          name,
          "unknown aggregate function "
              + name.describe()
              + "; use count, count(f), distinct(f), min(f), max(f), sum(f) or avg(f)");
    }
    if (tokens.peek().kind() != Kind.LPAREN) {
      if (function == Pipe.Function.COUNT) {
        return new Pipe.Aggregation(function, null);
      }
      throw tokens.error(
          tokens.peek(), function.wireName() + " takes a field: " + function.wireName() + "(f)");
    }
    tokens.next();
    Token field = tokens.expect(Kind.WORD, "a field name");
    tokens.expect(Kind.RPAREN, "')'");
    return new Pipe.Aggregation(function, field.text().toLowerCase(Locale.ROOT));
  }

  private Pipe.GroupKey groupKey() {
    Token t = tokens.expect(Kind.WORD, "a field to group by");
    if (t.is("bin") && tokens.peek().kind() == Kind.LPAREN) {
      tokens.next();
      Token field = tokens.expect(Kind.WORD, "a timestamp field, as in bin(event_time, 1h)");
      tokens.expect(Kind.COMMA, "',' and a width, as in bin(event_time, 1h)");
      Duration bin = binWidth(tokens.next());
      tokens.expect(Kind.RPAREN, "')'");
      return new Pipe.GroupKey(field.text().toLowerCase(Locale.ROOT), bin);
    }
    return new Pipe.GroupKey(t.text().toLowerCase(Locale.ROOT), null);
  }

  /**
   * A column name: a field, or a computed column such as {@code count(f)} or {@code bin(f, 1h)}.
   */
  private String columnReference() {
    Token name = tokens.expect(Kind.WORD, "a column name");
    String column = name.text().toLowerCase(Locale.ROOT);
    if (tokens.peek().kind() != Kind.LPAREN) {
      return column;
    }
    tokens.next();
    Token field = tokens.expect(Kind.WORD, "a field name");
    String inner = field.text().toLowerCase(Locale.ROOT);
    if (tokens.accept(Kind.COMMA)) {
      inner += ", " + QueryPrinter.duration(binWidth(tokens.next()));
    }
    tokens.expect(Kind.RPAREN, "')'");
    return column + "(" + inner + ")";
  }

  private Duration binWidth(Token width) {
    Matcher m = BIN_WIDTH.matcher(width.text());
    if (width.kind() != Kind.NUMBER || !m.matches() || m.group(1).length() > 9) {
      throw tokens.error(width, "expected a bin width such as 5m, 1h or 1d (units s, m, h, d, w)");
    }
    Duration bin =
        Duration.between(
            Instant.EPOCH,
            TimeBound.relative("+" + m.group(1) + m.group(2)).resolve(Instant.EPOCH));
    if (bin.isZero()) {
      throw tokens.error(width, "a bin width must be at least 1s");
    }
    return bin;
  }
}
