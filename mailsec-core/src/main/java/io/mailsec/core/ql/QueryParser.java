package io.mailsec.core.ql;

import io.mailsec.core.ql.Token.Kind;
import io.mailsec.core.query.And;
import io.mailsec.core.query.MatchAll;
import io.mailsec.core.query.Not;
import io.mailsec.core.query.Or;
import io.mailsec.core.query.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser for the grammar in docs/query-language.md. It checks names and types as
 * it goes ({@link QueryChecker}), so every error points at the token that caused it.
 */
final class QueryParser {
  /** Longest query text accepted, in chars. */
  static final int MAX_QUERY_LENGTH = 100_000;

  /** Deepest nesting of parentheses and NOT accepted (keeps the parser's stack bounded). */
  static final int MAX_DEPTH = 100;

  private static final Pattern RELATIVE_TIME = Pattern.compile("([+-])(\\d+)([smhdwSMHDW])");

  private final String text;
  private final TokenStream tokens;
  private final QueryChecker checker;
  private final List<Time> trailing = new ArrayList<>();
  private int depth;

  private QueryParser(TokenStream tokens, QueryChecker checker) {
    this.text = tokens.text();
    this.tokens = tokens;
    this.checker = checker;
  }

  static Query parse(String text, QueryChecker.Factory checkers) {
    if (text == null) {
      throw QuerySyntaxException.at("", 0, "the query is missing");
    }
    if (text.length() > MAX_QUERY_LENGTH) {
      throw QuerySyntaxException.at(
          text, MAX_QUERY_LENGTH, "the query is longer than " + MAX_QUERY_LENGTH + " characters");
    }
    return new QueryParser(new TokenStream(text), checkers.create(text)).query();
  }

  // ---------------------------------------------------------------- query

  private Query query() {
    List<String> schemas = new ArrayList<>();
    if (peek().is("FROM")) {
      next();
      do {
        Token name = expect(Kind.WORD, "a schema name after FROM, such as email");
        String schema = name.text().toLowerCase(Locale.ROOT);
        checker.checkSchema(schema, name.offset(), schemas);
        schemas.add(schema);
      } while (accept(Kind.COMMA));
      checker.useSchemas(schemas);
    }
    boolean where = false;
    if (peek().is("WHERE")) {
      next();
      where = true;
    }
    Syntax condition = null;
    if (startsCondition(peek())) {
      condition = or();
    } else if (where) {
      throw error(peek(), "expected a condition after WHERE");
    }
    TimeBound[] bounds = new TimeBound[2];
    Predicate predicate = condition == null ? null : lower(condition, true, bounds);
    for (Time time : trailing) {
      lower(time, true, bounds);
    }
    if (predicate == null) {
      predicate = new MatchAll();
    }
    checker.resolveSchemas();
    List<Pipe> pipes = new ArrayList<>();
    PipeParser pipeParser = new PipeParser(tokens, new PipeChecker(text, checker::fieldType));
    while (accept(Kind.PIPE)) {
      pipes.add(pipeParser.pipe());
    }
    if (peek().kind() != Kind.EOF) {
      throw error(
          peek(),
          "unexpected "
              + peek().describe()
              + (condition == null && pipes.isEmpty()
                  ? "; a query starts with FROM, WHERE, a condition or |"
                  : "; expected AND, OR, | or the end of the query"));
    }
    return new Query(schemas, predicate, bounds[0], bounds[1], pipes);
  }

  // ---------------------------------------------------------------- conditions

  /** The condition as parsed, before time directives are taken out. */
  private sealed interface Syntax {}

  private record Leaf(Predicate predicate) implements Syntax {}

  private record Time(boolean earliest, TimeBound bound) implements Syntax {}

  private record AllOf(List<Syntax> operands) implements Syntax {}

  private record AnyOf(List<Syntax> operands) implements Syntax {}

  private record Negation(Syntax operand) implements Syntax {}

  private Syntax or() {
    List<Syntax> terms = new ArrayList<>();
    terms.add(and());
    while (peek().is("OR")) {
      next();
      requireCondition("OR");
      terms.add(and());
    }
    return terms.size() == 1 ? terms.get(0) : new AnyOf(terms);
  }

  private Syntax and() {
    List<Syntax> factors = new ArrayList<>();
    factors.add(factor());
    while (true) {
      boolean explicit = peek().is("AND");
      if (explicit) {
        next();
        requireCondition("AND");
      } else if (!startsCondition(peek())) {
        break;
      }
      if (!explicit && depth == 0 && isTimeDirective()) {
        // Written after a condition without AND, a directive applies to the whole query, as in
        // "a OR b EARLIEST=-1d".
        trailing.add(time());
        continue;
      }
      factors.add(factor());
    }
    return factors.size() == 1 ? factors.get(0) : new AllOf(factors);
  }

  private Syntax factor() {
    if (++depth > MAX_DEPTH) {
      throw error(peek(), "the query nests deeper than " + MAX_DEPTH + " levels");
    }
    try {
      Token t = peek();
      if (t.is("NOT")) {
        next();
        requireCondition("NOT");
        return new Negation(factor());
      }
      if (t.kind() == Kind.LPAREN) {
        next();
        requireCondition("'('");
        Syntax inner = or();
        if (peek().kind() != Kind.RPAREN) {
          throw error(
              peek(),
              "expected ')' to close the '(' at "
                  + tokens.position(t)
                  + ", found "
                  + peek().describe());
        }
        next();
        return inner;
      }
      if (isTimeDirective()) {
        return time();
      }
      return new Leaf(condition());
    } finally {
      depth--;
    }
  }

  private void requireCondition(String after) {
    if (!startsCondition(peek())) {
      throw error(peek(), "expected a condition after " + after + ", found " + peek().describe());
    }
  }

  private boolean isTimeDirective() {
    return (peek().is("EARLIEST") || peek().is("LATEST")) && peekAt(1).kind() == Kind.EQ;
  }

  private static boolean startsCondition(Token t) {
    return t.kind() == Kind.LOGICAL_TYPE
        || t.kind() == Kind.LPAREN
        || (t.kind() == Kind.WORD && !t.is("OR") && !t.is("AND"));
  }

  private Time time() {
    Token keyword = next();
    next(); // '='
    Token value = next();
    String name = keyword.upper();
    TimeBound bound;
    Matcher relative = RELATIVE_TIME.matcher(value.text());
    if (value.kind() == Kind.WORD && value.is("now")) {
      bound = new TimeBound("now", null, keyword.offset());
    } else if (value.kind() == Kind.NUMBER && relative.matches()) {
      if (relative.group(2).length() > 9) {
        throw error(value, name + " is too far from now");
      }
      bound = new TimeBound(value.text(), null, keyword.offset());
    } else if (value.kind() == Kind.STRING) {
      bound =
          new TimeBound(
              null,
              Times.parseInstant(value.text())
                  .orElseThrow(
                      () ->
                          error(
                              value,
                              "'"
                                  + value.text()
                                  + "' is not an ISO-8601 time such as '2024-05-01T00:00:00Z'")),
              keyword.offset());
    } else {
      throw error(
          value,
          name
              + " takes a relative time such as -24h (units s, m, h, d, w), now, or a quoted"
              + " ISO-8601 time such as '2024-05-01T00:00:00Z'");
    }
    return new Time(name.equals("EARLIEST"), bound);
  }

  private Predicate condition() {
    Token operand = next();
    QueryChecker.Operand subject = checker.operand(operand);
    Token op = peek();
    switch (op.kind()) {
      case EQ, NE, LT, LE, GT, GE -> {
        next();
        return checker.compare(subject, op, value());
      }
      case NEGATED_WORD -> {
        next();
        return stringOrIn(subject, op, true);
      }
      case WORD -> {
        if (op.is("NOT")) {
          next();
          Token real = peek();
          if (real.kind() != Kind.WORD || !isSetOperator(real)) {
            throw error(real, "expected IN, CONTAINS, STARTSWITH, ENDSWITH or MATCHES after NOT");
          }
          next();
          return stringOrIn(subject, real, true);
        }
        if (op.is("IS")) {
          next();
          boolean not = false;
          if (peek().is("NOT")) {
            next();
            not = true;
          }
          if (!peek().is("NULL")) {
            throw error(peek(), "expected NULL after IS" + (not ? " NOT" : ""));
          }
          next();
          return checker.isNull(subject, op, not);
        }
        if (isSetOperator(op)) {
          next();
          return stringOrIn(subject, op, false);
        }
      }
      default -> {
        // falls through to the error below
      }
    }
    throw error(
        op,
        "expected an operator (=, !=, <, >, CONTAINS, STARTSWITH, ENDSWITH, MATCHES_REGEX, IN, IS"
            + " NULL) after "
            + operand.describe()
            + ", found "
            + op.describe());
  }

  private static boolean isSetOperator(Token t) {
    return switch (t.upper()) {
      case "IN", "CONTAINS", "STARTSWITH", "ENDSWITH", "MATCHES", "MATCHES_REGEX" -> true;
      default -> false;
    };
  }

  private Predicate stringOrIn(QueryChecker.Operand subject, Token op, boolean negated) {
    if (!isSetOperator(op)) {
      throw error(
          op,
          "unknown operator "
              + op.describe()
              + "; after ! write IN, CONTAINS, STARTSWITH, ENDSWITH or MATCHES_REGEX");
    }
    if (op.upper().equals("IN")) {
      Token open = peek();
      if (open.kind() != Kind.LPAREN) {
        throw error(open, "IN takes a list in parentheses, such as IN ('a', 'b')");
      }
      next();
      List<QueryChecker.Literal> values = new ArrayList<>();
      do {
        values.add(value());
      } while (accept(Kind.COMMA));
      if (peek().kind() != Kind.RPAREN) {
        throw error(peek(), "expected ',' or ')' in the IN list, found " + peek().describe());
      }
      next();
      return checker.in(subject, op, values, negated);
    }
    Token value = peek();
    if (value.kind() != Kind.STRING) {
      throw error(value, op.upper() + " takes a quoted string, such as 'text'");
    }
    next();
    return checker.stringOperator(subject, op, value, negated);
  }

  private QueryChecker.Literal value() {
    Token t = next();
    switch (t.kind()) {
      case STRING -> {
        return new QueryChecker.Literal(t.text(), t);
      }
      case NUMBER -> {
        return new QueryChecker.Literal(number(t), t);
      }
      case WORD -> {
        if (t.is("true") || t.is("false")) {
          return new QueryChecker.Literal(t.is("true"), t);
        }
        if (t.is("null")) {
          throw error(t, "use IS NULL or IS NOT NULL to test whether a field has a value");
        }
        throw error(t, "expected a value; quote text values: '" + t.text() + "'");
      }
      default -> throw error(t, "expected a value, found " + t.describe());
    }
  }

  private Object number(Token t) {
    String s = t.text();
    try {
      if (s.matches("[+-]?\\d+")) {
        return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
      }
      if (s.matches("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
        double d = Double.parseDouble(s);
        if (!Double.isInfinite(d)) {
          return d;
        }
      } else {
        throw error(t, "'" + s + "' is not a number; quote text values: '" + s + "'");
      }
    } catch (NumberFormatException e) {
      // out of range, reported below
    }
    throw error(t, "the number " + s + " is out of range");
  }

  /**
   * Turns the syntax tree into a predicate, taking out time directives: they may only be conditions
   * of the whole query joined by AND. Returns null when nothing but directives is left.
   */
  private Predicate lower(Syntax s, boolean topLevelAnd, TimeBound[] bounds) {
    if (s instanceof Leaf leaf) {
      return leaf.predicate();
    }
    if (s instanceof Time time) {
      String name = time.earliest() ? "EARLIEST" : "LATEST";
      if (!topLevelAnd) {
        throw QuerySyntaxException.at(
            text,
            time.bound().position(),
            name
                + " applies to the whole query: join it with AND, not inside OR or NOT (e.g. ..."
                + " AND "
                + name
                + "=-24h)");
      }
      int slot = time.earliest() ? 0 : 1;
      if (bounds[slot] != null) {
        throw QuerySyntaxException.at(
            text, time.bound().position(), name + " is given more than once");
      }
      bounds[slot] = time.bound();
      return null;
    }
    if (s instanceof AllOf all) {
      List<Predicate> parts = new ArrayList<>();
      for (Syntax operand : all.operands()) {
        Predicate p = lower(operand, topLevelAnd, bounds);
        if (operand instanceof AllOf && p instanceof And nested) {
          parts.addAll(nested.operands());
        } else if (p != null) {
          parts.add(p);
        }
      }
      return parts.isEmpty() ? null : parts.size() == 1 ? parts.get(0) : new And(parts);
    }
    if (s instanceof AnyOf any) {
      List<Predicate> parts = new ArrayList<>();
      for (Syntax operand : any.operands()) {
        Predicate p = lower(operand, false, bounds);
        if (operand instanceof AnyOf && p instanceof Or nested) {
          parts.addAll(nested.operands());
        } else {
          parts.add(p);
        }
      }
      return new Or(parts);
    }
    return new Not(lower(((Negation) s).operand(), false, bounds));
  }

  // ---------------------------------------------------------------- tokens

  private Token peek() {
    return tokens.peek();
  }

  private Token peekAt(int ahead) {
    return tokens.peekAt(ahead);
  }

  private Token next() {
    return tokens.next();
  }

  private boolean accept(Kind kind) {
    return tokens.accept(kind);
  }

  private Token expect(Kind kind, String what) {
    return tokens.expect(kind, what);
  }

  private QuerySyntaxException error(Token at, String message) {
    return tokens.error(at, message);
  }
}
