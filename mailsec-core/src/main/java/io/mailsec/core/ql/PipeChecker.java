package io.mailsec.core.ql;

import io.mailsec.core.schema.FieldType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the stages after {@code |} while they are parsed: fields exist and have a fitting type,
 * and after an aggregate, that stages name its columns. One instance per parse.
 */
final class PipeChecker {
  /** Field types that can be sorted and grouped by. */
  static final Set<FieldType> GROUPABLE =
      EnumSet.of(
          FieldType.KEYWORD,
          FieldType.LONG,
          FieldType.DOUBLE,
          FieldType.BOOLEAN,
          FieldType.TIMESTAMP,
          FieldType.IP);

  /** The most keys one aggregate may group by (the store's countBy limit). */
  static final int MAX_GROUP_KEYS = 4;

  /** Looks up the type of a field of the schemas in scope, failing with a located message. */
  interface FieldLookup {
    FieldType type(String field, int offset);
  }

  /** A column of the rows an aggregate produces. */
  record Column(String name, FieldType type) {}

  private final String text;
  private final FieldLookup fields;

  /** The aggregate's columns once there was one; null before. */
  private List<Column> columns;

  /** The columns of the last {@code | fields} before an aggregate; null when none. */
  private List<String> projection;

  PipeChecker(String text, FieldLookup fields) {
    this.text = text;
    this.fields = fields;
  }

  void checkSortColumn(String column, Token at) {
    if (columns != null) {
      requireColumn(column, at);
      return;
    }
    FieldType type = fields.type(column, at.offset());
    if (!GROUPABLE.contains(type)) {
      throw error(
          at.offset(),
          "cannot sort by '"
              + column
              + "': "
              + type.wireName()
              + " fields have no order; sort by a keyword, number, boolean, timestamp or ip"
              + " field");
    }
  }

  void selectColumns(List<String> selected, List<Token> at) {
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < selected.size(); i++) {
      String column = selected.get(i);
      if (!seen.add(column)) {
        throw error(at.get(i).offset(), "column '" + column + "' is named twice");
      }
      if (columns != null) {
        requireColumn(column, at.get(i));
      } else {
        fields.type(column, at.get(i).offset());
        if (projection != null && !projection.contains(column)) {
          throw error(at.get(i).offset(), "'" + column + "' was left out by an earlier | fields");
        }
      }
    }
    if (columns != null) {
      columns = columns.stream().filter(c -> selected.contains(c.name())).toList();
      List<Column> ordered = new ArrayList<>();
      for (String name : selected) {
        columns.stream().filter(c -> c.name().equals(name)).forEach(ordered::add);
      }
      columns = ordered;
    } else {
      projection = List.copyOf(selected);
    }
  }

  void checkAggregate(
      Pipe.Aggregate aggregate, Token stage, List<Token> functionTokens, List<Token> keyTokens) {
    if (columns != null) {
      throw error(stage.offset(), "a query can have only one aggregate");
    }
    if (aggregate.groupBy().size() > MAX_GROUP_KEYS) {
      throw error(
          keyTokens.get(MAX_GROUP_KEYS).offset(),
          "aggregate groups by at most " + MAX_GROUP_KEYS + " keys");
    }
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < aggregate.groupBy().size(); i++) {
      Pipe.GroupKey key = aggregate.groupBy().get(i);
      int offset = keyTokens.get(i).offset();
      FieldType type = fields.type(key.field(), offset);
      if (key.bin() != null && type != FieldType.TIMESTAMP) {
        throw error(
            offset, "bin needs a timestamp field; '" + key.field() + "' is " + type.wireName());
      }
      if (!GROUPABLE.contains(type)) {
        throw error(
            offset,
            "cannot group by '"
                + key.field()
                + "': "
                + type.wireName()
                + " fields are not grouped; use a keyword, number, boolean, timestamp or ip"
                + " field");
      }
      out.add(new Column(key.column(), type));
    }
    for (int i = 0; i < aggregate.functions().size(); i++) {
      Pipe.Aggregation f = aggregate.functions().get(i);
      int offset = functionTokens.get(i).offset();
      FieldType type = f.field() == null ? FieldType.LONG : fields.type(f.field(), offset);
      Set<FieldType> allowed =
          switch (f.function()) {
            case COUNT -> EnumSet.allOf(FieldType.class);
            case DISTINCT -> GROUPABLE;
            case MIN, MAX -> EnumSet.of(FieldType.LONG, FieldType.DOUBLE, FieldType.TIMESTAMP);
            case SUM, AVG -> EnumSet.of(FieldType.LONG, FieldType.DOUBLE);
          };
      if (!allowed.contains(type)) {
        throw error(
            offset,
            f.function().wireName()
                + " cannot read '"
                + f.field()
                + "', which is "
                + type.wireName()
                + (f.function() == Pipe.Function.SUM || f.function() == Pipe.Function.AVG
                    ? "; it needs a number field"
                    : f.function() == Pipe.Function.DISTINCT
                        ? "; it needs a keyword, number, boolean, timestamp or ip field"
                        : "; it needs a number or timestamp field"));
      }
      out.add(new Column(f.column(), f.type(type)));
    }
    Set<String> names = new LinkedHashSet<>();
    for (Column c : out) {
      if (!names.add(c.name())) {
        throw error(stage.offset(), "column '" + c.name() + "' appears twice in the aggregate");
      }
    }
    columns = out;
  }

  private void requireColumn(String column, Token at) {
    if (columns.stream().noneMatch(c -> c.name().equals(column))) {
      List<String> names = columns.stream().map(Column::name).toList();
      throw error(
          at.offset(),
          "unknown column '"
              + column
              + "'; after the aggregate the columns are "
              + String.join(", ", names)
              + Suggestions.didYouMean(column, names));
    }
  }

  private QuerySyntaxException error(int offset, String message) {
    return QuerySyntaxException.at(text, offset, message);
  }
}
