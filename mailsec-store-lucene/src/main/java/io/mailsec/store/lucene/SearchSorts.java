package io.mailsec.store.lucene;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SortKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.CRC32;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene sorts for {@link SortKey}s, and the opaque cursors that continue a sorted search.
 *
 * <p>A cursor is the sort values of the last event of a page (ending with its unique id, so the
 * next page starts strictly after it) plus a checksum of the query and sort it belongs to, as
 * base64url JSON. It stays valid across commits and restarts.
 */
final class SearchSorts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final FieldTypes types;

  SearchSorts(FieldTypes types) {
    this.types = types;
  }

  Sort sort(List<SortKey> keys) {
    List<SortField> fields = new ArrayList<>();
    for (SortKey key : keys) {
      fields.add(sortField(key));
    }
    fields.add(new SortField(IndexFields.SORT_ID, SortField.Type.STRING));
    return new Sort(fields.toArray(new SortField[0]));
  }

  private SortField sortField(SortKey key) {
    FieldType type = types.require(key.field());
    boolean multi = types.isMultiValued(key.field());
    boolean desc = key.descending();
    switch (type) {
      case KEYWORD, BOOLEAN, IP -> {
        SortField field =
            multi
                ? new SortedSetSortField(
                    key.field(),
                    desc,
                    desc ? SortedSetSelector.Type.MAX : SortedSetSelector.Type.MIN)
                : new SortField(key.field(), SortField.Type.STRING, desc);
        // Missing sorts as the greatest value ascending and the least descending: always last.
        field.setMissingValue(desc ? SortField.STRING_FIRST : SortField.STRING_LAST);
        return field;
      }
      case LONG, DOUBLE, TIMESTAMP -> {
        SortField field =
            multi
                ? new SortedNumericSortField(
                    key.field(),
                    SortField.Type.LONG,
                    desc,
                    desc ? SortedNumericSelector.Type.MAX : SortedNumericSelector.Type.MIN)
                : new SortField(key.field(), SortField.Type.LONG, desc);
        field.setMissingValue(desc ? Long.MIN_VALUE : Long.MAX_VALUE);
        return field;
      }
      default ->
          throw new IllegalArgumentException(
              "cannot sort by '" + key.field() + "': it is " + type.wireName());
    }
  }

  /** The cursor that continues after {@code last}. */
  static String cursor(SearchRequest request, FieldDoc last) {
    ObjectNode root = NODES.objectNode();
    root.put("q", checksum(request));
    ArrayNode values = root.putArray("v");
    for (Object value : last.fields) {
      if (value == null) {
        values.addNull();
      } else if (value instanceof Long l) {
        values.addObject().put("l", l);
      } else if (value instanceof BytesRef b) {
        values
            .addObject()
            .put(
                "b",
                Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(BytesRef.deepCopyOf(b).bytes));
      } else {
        throw new IllegalStateException("unexpected sort value " + value.getClass());
      }
    }
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The position a cursor stands for.
   *
   * @throws IllegalArgumentException when it is malformed or belongs to another query or sort
   */
  static FieldDoc after(SearchRequest request, Sort sort) {
    JsonNode root;
    try {
      root = JSON.readTree(Base64.getUrlDecoder().decode(request.cursor()));
    } catch (IOException | IllegalArgumentException e) {
      throw invalidCursor();
    }
    if (root == null || !root.path("q").isIntegralNumber() || !root.path("v").isArray()) {
      throw invalidCursor();
    }
    if (root.get("q").asLong() != checksum(request)) {
      throw new IllegalArgumentException("the cursor belongs to a different query or sort");
    }
    JsonNode values = root.get("v");
    SortField[] fields = sort.getSort();
    if (values.size() != fields.length) {
      throw invalidCursor();
    }
    Object[] after = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      JsonNode v = values.get(i);
      boolean numeric =
          fields[i].getType() == SortField.Type.LONG || fields[i] instanceof SortedNumericSortField;
      if (v.isNull()) {
        after[i] = null;
      } else if (numeric && v.path("l").isIntegralNumber()) {
        after[i] = v.get("l").asLong();
      } else if (!numeric && v.path("b").isTextual()) {
        try {
          after[i] = new BytesRef(Base64.getUrlDecoder().decode(v.get("b").asText()));
        } catch (IllegalArgumentException e) {
          throw invalidCursor();
        }
      } else {
        throw invalidCursor();
      }
      if (numeric && after[i] == null) {
        throw invalidCursor();
      }
    }
    // Every page ends on a unique id, so the document number never decides; MAX_VALUE makes the
    // event the cursor stands for itself fall before the next page.
    return new FieldDoc(Integer.MAX_VALUE, Float.NaN, after);
  }

  private static long checksum(SearchRequest request) {
    CRC32 crc = new CRC32();
    // Explicit parts in a fixed order: Set.of iterates in an order that changes between JVM runs.
    String identity =
        new TreeSet<>(request.query().schemas())
            + "|"
            + request.query().predicate()
            + "|"
            + request.query().from()
            + "|"
            + request.query().to()
            + "|"
            + request.sort();
    crc.update(identity.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  private static IllegalArgumentException invalidCursor() {
    return new IllegalArgumentException("invalid cursor");
  }
}
