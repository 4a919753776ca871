package io.mailsec.store.lucene;

import io.mailsec.core.query.And;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.Contains;
import io.mailsec.core.query.EndsWith;
import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.query.In;
import io.mailsec.core.query.IpRange;
import io.mailsec.core.query.IsNull;
import io.mailsec.core.query.MatchAll;
import io.mailsec.core.query.Not;
import io.mailsec.core.query.Operands;
import io.mailsec.core.query.Operator;
import io.mailsec.core.query.Or;
import io.mailsec.core.query.Predicate;
import io.mailsec.core.query.PredicateVisitor;
import io.mailsec.core.query.Regex;
import io.mailsec.core.query.StartsWith;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.EventQuery;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Translates an {@link EventQuery} into a Lucene query over the documents of {@link
 * EventDocuments}, with the semantics of {@link io.mailsec.core.query.PredicateEvaluator}.
 * Stateless apart from the field types; thread-safe.
 */
final class QueryTranslator {
  /** Below Lucene's default limit of 1024 clauses per boolean query. */
  private static final int MAX_OR_CLAUSES = 512;

  private final FieldTypes types;
  private final SchemaRegistry registry;

  QueryTranslator(SchemaRegistry registry, FieldTypes types) {
    this.registry = registry;
    this.types = types;
  }

  /** Events of the query's schemas and time range that match its predicate. */
  Query events(EventQuery query) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    if (query.schemas().isEmpty()) {
      all.add(kind(IndexFields.KIND_EVENT), Occur.FILTER);
    } else {
      // Only event documents carry a schema term, so it implies the kind: one clause less to
      // intersect.
      all.add(schemas(query.schemas()), Occur.FILTER);
    }
    if (query.from() != null || query.to() != null) {
      long min = query.from() == null ? Long.MIN_VALUE : Operands.micros(query.from());
      long max = query.to() == null ? Long.MAX_VALUE : Operands.micros(query.to());
      if (query.to() != null) {
        if (max == Long.MIN_VALUE) {
          return new MatchNoDocsQuery("empty time range");
        }
        max--;
      }
      if (min > max) {
        return new MatchNoDocsQuery("empty time range");
      }
      all.add(LongPoint.newRangeQuery(IndexFields.EVENT_TIME, min, max), Occur.FILTER);
    }
    if (query.predicate() instanceof And and) {
      // Conditions join the top-level conjunction, so Lucene orders all of them by cost at once.
      for (Predicate operand : and.operands()) {
        all.add(predicate(operand), Occur.FILTER);
      }
    } else if (!(query.predicate() instanceof MatchAll)) {
      all.add(predicate(query.predicate()), Occur.FILTER);
    }
    return all.build();
  }

  private Query schemas(Collection<String> schemas) {
    List<BytesRef> names = new ArrayList<>();
    for (String schema : schemas) {
      if (registry.schema(schema).isEmpty()) {
        throw new IllegalArgumentException("unknown schema '" + schema + "'");
      }
      names.add(new BytesRef(schema));
    }
    return names.size() == 1
        ? new TermQuery(new Term(IndexFields.SCHEMA, names.get(0)))
        : new TermInSetQuery(IndexFields.SCHEMA, names);
  }

  static Query kind(String kind) {
    return new TermQuery(new Term(IndexFields.KIND, kind));
  }

  Query predicate(Predicate predicate) {
    return predicate.accept(new Translator());
  }

  private final class Translator implements PredicateVisitor<Query> {
    @Override
    public Query visitComparison(Comparison c) {
      FieldType type = types.require(c.field());
      return switch (c.op()) {
        case EQ -> equalTo(c.field(), type, c.value());
        case NE -> andNot(exists(c.field()), equalTo(c.field(), type, c.value()));
        case LT, LE, GT, GE -> range(c.field(), type, c.op(), c.value());
      };
    }

    @Override
    public Query visitContains(Contains c) {
      FieldType type = types.require(c.field());
      switch (type) {
        case KEYWORD, IP -> {
          return StringOperatorQueries.contains(termField(c.field(), type), c.field(), c.text());
        }
        case TEXT -> {
          TextNeedle needle = TextNeedle.of(c.text());
          Query candidates = needle.containsCandidates(c.field());
          if (needle.containsIsExact()) {
            return candidates;
          }
          return new VerifiedTextQuery(
              candidates == null ? exists(c.field()) : candidates,
              c.field(),
              VerifiedTextQuery.Mode.CONTAINS,
              c.text());
        }
        default -> throw notAString("CONTAINS", c.field(), type);
      }
    }

    @Override
    public Query visitStartsWith(StartsWith s) {
      FieldType type = stringType("STARTSWITH", s.field());
      if (type == FieldType.TEXT) {
        return verifiedText(s.field(), s.text(), new VerifiedStringQuery.PrefixTest(s.text()));
      }
      return StringOperatorQueries.startsWith(termField(s.field(), type), s.field(), s.text());
    }

    @Override
    public Query visitEndsWith(EndsWith e) {
      FieldType type = stringType("ENDSWITH", e.field());
      if (type == FieldType.TEXT) {
        return verifiedText(e.field(), e.text(), new VerifiedStringQuery.SuffixTest(e.text()));
      }
      return StringOperatorQueries.endsWith(termField(e.field(), type), e.field(), e.text());
    }

    @Override
    public Query visitRegex(Regex r) {
      stringType("MATCHES_REGEX", r.field());
      // Java patterns (case-insensitive, lookarounds, backreferences) have no index equivalent:
      // every event with the field is a candidate and the pattern runs on its stored values.
      return StringOperatorQueries.regex(exists(r.field()), r.field(), r);
    }

    @Override
    public Query visitIn(In in) {
      FieldType type = types.require(in.field());
      if (type == FieldType.KEYWORD) {
        List<BytesRef> terms = new ArrayList<>();
        for (Object value : in.values()) {
          terms.add(new BytesRef(EventDocuments.keywordTerm(Operands.keywordText(value))));
        }
        return new TermInSetQuery(in.field(), terms);
      }
      List<Query> alternatives = new ArrayList<>();
      for (Object value : in.values()) {
        alternatives.add(equalTo(in.field(), type, value));
      }
      return or(alternatives);
    }

    @Override
    public Query visitIsNull(IsNull n) {
      types.require(n.field());
      return andNot(new MatchAllDocsQuery(), exists(n.field()));
    }

    @Override
    public Query visitAnd(And and) {
      BooleanQuery.Builder all = new BooleanQuery.Builder();
      for (Predicate p : and.operands()) {
        all.add(p.accept(this), Occur.FILTER);
      }
      return all.build();
    }

    @Override
    public Query visitOr(Or or) {
      List<Query> alternatives = new ArrayList<>();
      for (Predicate p : or.operands()) {
        alternatives.add(p.accept(this));
      }
      return or(alternatives);
    }

    @Override
    public Query visitNot(Not not) {
      return andNot(new MatchAllDocsQuery(), not.operand().accept(this));
    }

    @Override
    public Query visitMatchAll(MatchAll matchAll) {
      return new MatchAllDocsQuery();
    }
  }

  private Query equalTo(String field, FieldType type, Object operand) {
    switch (type) {
      case KEYWORD -> {
        return new TermQuery(
            new Term(field, EventDocuments.keywordTerm(Operands.keywordText(operand))));
      }
      case TEXT -> {
        String text = Operands.keywordText(operand);
        Query candidates = TextNeedle.of(text).equalsCandidates(field);
        return new VerifiedTextQuery(
            candidates == null ? exists(field) : candidates,
            field,
            VerifiedTextQuery.Mode.EQUALS,
            text);
      }
      case LONG -> {
        return longRange(field, Operands.longInterval(field, Operator.EQ, operand));
      }
      case TIMESTAMP -> {
        return longRange(field, Operands.timestampInterval(field, Operator.EQ, operand));
      }
      case DOUBLE -> {
        Operands.DoubleInterval interval = Operands.doubleInterval(field, Operator.EQ, operand);
        return DoublePoint.newRangeQuery(field, interval.min(), interval.max());
      }
      case BOOLEAN -> {
        return new TermQuery(new Term(field, Boolean.toString(Operands.bool(field, operand))));
      }
      case IP -> {
        IpRange range = Operands.ip(field, operand);
        return InetAddressPoint.newRangeQuery(
            field, IpText.toInetAddress(range.first()), IpText.toInetAddress(range.last()));
      }
      case OBJECT -> throw objectField(field);
    }
    throw new IllegalStateException("unhandled type " + type);
  }

  private Query range(String field, FieldType type, Operator op, Object operand) {
    switch (type) {
      case KEYWORD -> {
        String bound = EventDocuments.keywordTerm(Operands.keywordText(operand));
        return switch (op) {
          case LT -> TermRangeQuery.newStringRange(field, null, bound, true, false);
          case LE -> TermRangeQuery.newStringRange(field, null, bound, true, true);
          case GT -> TermRangeQuery.newStringRange(field, bound, null, false, true);
          case GE -> TermRangeQuery.newStringRange(field, bound, null, true, true);
          default -> throw new IllegalStateException("not a range: " + op);
        };
      }
      case LONG -> {
        return longRange(field, Operands.longInterval(field, op, operand));
      }
      case TIMESTAMP -> {
        return longRange(field, Operands.timestampInterval(field, op, operand));
      }
      case DOUBLE -> {
        Operands.DoubleInterval interval = Operands.doubleInterval(field, op, operand);
        return DoublePoint.newRangeQuery(field, interval.min(), interval.max());
      }
      case IP -> {
        InetAddress address = IpText.toInetAddress(Operands.ipAddress(field, operand));
        try {
          return switch (op) {
            case LT ->
                InetAddressPoint.newRangeQuery(
                    field, InetAddressPoint.MIN_VALUE, InetAddressPoint.nextDown(address));
            case LE -> InetAddressPoint.newRangeQuery(field, InetAddressPoint.MIN_VALUE, address);
            case GT ->
                InetAddressPoint.newRangeQuery(
                    field, InetAddressPoint.nextUp(address), InetAddressPoint.MAX_VALUE);
            case GE -> InetAddressPoint.newRangeQuery(field, address, InetAddressPoint.MAX_VALUE);
            default -> throw new IllegalStateException("not a range: " + op);
          };
        } catch (ArithmeticException beyondTheEnds) {
          return new MatchNoDocsQuery("no address beyond " + address);
        }
      }
      case TEXT, BOOLEAN ->
          throw new IllegalArgumentException(
              "field '"
                  + field
                  + "' is "
                  + type.wireName()
                  + " and has no order for "
                  + op.symbol());
      case OBJECT -> throw objectField(field);
    }
    throw new IllegalStateException("unhandled type " + type);
  }

  /** The type of a field a string operator applies to (text, keyword or ip). */
  private FieldType stringType(String operator, String field) {
    FieldType type = types.require(field);
    if (type != FieldType.TEXT && type != FieldType.KEYWORD && type != FieldType.IP) {
      throw notAString(operator, field, type);
    }
    return type;
  }

  private static IllegalArgumentException notAString(
      String operator, String field, FieldType type) {
    return new IllegalArgumentException(
        operator + " needs a text, keyword or ip field; '" + field + "' is " + type.wireName());
  }

  /** Where the folded terms of a keyword or ip field are indexed. */
  private static String termField(String field, FieldType type) {
    return type == FieldType.IP ? field + IndexFields.IP_TEXT_SUFFIX : field;
  }

  /**
   * A STARTSWITH or ENDSWITH on a text field: a value passing it contains the text, so the CONTAINS
   * candidates are a superset, checked on the stored value.
   */
  private static Query verifiedText(
      String field, String text, VerifiedStringQuery.StringTest test) {
    Query candidates = TextNeedle.of(text).containsCandidates(field);
    return StringOperatorQueries.verified(
        candidates == null ? exists(field) : candidates, field, test);
  }

  private static Query longRange(String field, Optional<Operands.LongInterval> interval) {
    return interval
        .map(i -> LongPoint.newRangeQuery(field, i.min(), i.max()))
        .orElseGet(() -> new MatchNoDocsQuery("no long value satisfies the comparison"));
  }

  static Query exists(String field) {
    return new TermQuery(new Term(IndexFields.EXISTS, field));
  }

  private static Query andNot(Query positive, Query negative) {
    return new BooleanQuery.Builder()
        .add(positive, Occur.FILTER)
        .add(negative, Occur.MUST_NOT)
        .build();
  }

  private static Query or(List<Query> alternatives) {
    if (alternatives.size() == 1) {
      return alternatives.get(0);
    }
    if (alternatives.size() > MAX_OR_CLAUSES) {
      List<Query> groups = new ArrayList<>();
      for (int i = 0; i < alternatives.size(); i += MAX_OR_CLAUSES) {
        groups.add(or(alternatives.subList(i, Math.min(alternatives.size(), i + MAX_OR_CLAUSES))));
      }
      return or(groups);
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    alternatives.forEach(q -> any.add(q, Occur.SHOULD));
    return any.setMinimumNumberShouldMatch(1).build();
  }

  private static IllegalArgumentException objectField(String field) {
    return new IllegalArgumentException(
        "field '" + field + "' is an object; only IS NULL applies to it");
  }
}
