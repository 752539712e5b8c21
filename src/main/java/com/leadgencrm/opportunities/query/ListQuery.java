package com.leadgencrm.opportunities.query;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.Values;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;

/**
 * Builds the SQL of one list page: filters combined with AND, then a keyset on {@code (sort
 * expression, id)} so that any page costs what the first one costs.
 */
public final class ListQuery {

  /** The condition of a query without filters (and without a scope): every row. */
  private static final String EVERY_ROW = "true";

  /** What a condition given as text is taken to read, unless its caller names the column. */
  private static final String ANY_COLUMN = "*";

  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> params = new HashMap<>();

  /** The columns (or expressions) the conditions read. */
  private final Set<String> reads = new HashSet<>();

  private @Nullable String bulky;

  /**
   * Marks the column whose values can be large (custom values): a page then holds at most {@link
   * PageBytes#LIMIT} bytes of them, and its cursor goes on from its last row.
   */
  public ListQuery bulky(String column) {
    this.bulky = column;
    return this;
  }

  /** {@code column} is one of {@code values}; no condition when there are none. */
  public ListQuery anyOf(String column, @Nullable List<?> values) {
    if (values != null && !values.isEmpty()) {
      condition(column, column + " in (:" + bind(values) + ")");
    }
    return this;
  }

  public ListQuery equal(String column, @Nullable Object value) {
    if (value != null) {
      condition(column, column + " = :" + bind(value));
    }
    return this;
  }

  public ListQuery atLeast(String column, @Nullable Object value) {
    if (value != null) {
      condition(column, column + " >= :" + bind(sqlValue(value)));
    }
    return this;
  }

  public ListQuery atMost(String column, @Nullable Object value) {
    if (value != null) {
      condition(column, column + " <= :" + bind(sqlValue(value)));
    }
    return this;
  }

  /**
   * Rows created (or, with {@code created} false, last changed) within [from, to]: every resource's
   * {@code create_timestamp} and {@code update_timestamp}, as the wire protocol's date ranges ask
   * for them.
   */
  public ListQuery changedWithin(boolean created, Instant from, Instant to) {
    String column = created ? "create_timestamp" : "update_timestamp";
    return atLeast(column, from).atMost(column, to);
  }

  /** Case-insensitive substring search; LIKE wildcards in {@code text} match themselves. */
  public ListQuery contains(String column, @Nullable String text) {
    if (text != null && !text.isEmpty()) {
      String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
      condition(column, column + " ilike :" + bind("%" + escaped + "%"));
    }
    return this;
  }

  /** Any condition; {@code :name} parameters in it are given by {@code values}. */
  public ListQuery where(String condition, Map<String, ?> values) {
    return where(condition, values, ANY_COLUMN);
  }

  /** A condition that reads {@code column} of the rows alone (and other tables, say). */
  public ListQuery where(String condition, Map<String, ?> values, String column) {
    condition(column, condition);
    params.putAll(values);
    return this;
  }

  private void condition(String column, String condition) {
    conditions.add(condition);
    reads.add(column);
  }

  /**
   * Whether the conditions read none but {@code columns}: whether they can select from another
   * table that has those columns (a rollup, say) as they would from the rows.
   */
  public boolean readsOnly(Set<String> columns) {
    return columns.containsAll(reads);
  }

  /** Binds a value to a fresh parameter name and returns the name. */
  public String bind(Object value) {
    String name = "p" + params.size();
    params.put(name, value);
    return name;
  }

  /**
   * Runs the query and returns one page.
   *
   * @param select the select list, without the sort key
   * @param from the from clause, with joins
   */
  public <T> Page<T> page(
      ListStatements jdbc, String select, String from, PageSpec page, RowMapper<T> rows) {
    Prepared query = prepare(select, from, page, page.limit() + 1);
    SortKey key = page.key();
    long[] fetched = {0};
    List<Row<T>> found =
        jdbc.client()
            .sql(query.sql())
            .params(query.params())
            .query(
                (rs, n) -> {
                  if (bulky != null) {
                    fetched[0] = rs.getLong(PageBytes.TAKEN);
                  }
                  return new Row<>(rows.mapRow(rs, n), sortValue(key, rs), rs.getLong("id"));
                })
            .list();
    // more rows follow when one past the page came, or when the bytes ended the page early
    if (found.size() <= page.limit() && fetched[0] <= found.size()) {
      return new Page<>(found.stream().map(Row::item).toList(), null);
    }
    int size = Math.min(found.size(), page.limit());
    Row<T> last = found.get(size - 1);
    Cursor next =
        new Cursor(key.property(), page.desc(), last.sortValue(), last.id(), page.filters());
    return new Page<>(
        found.subList(0, size).stream().map(Row::item).toList(), jdbc.cursors().encode(next));
  }

  /**
   * Runs the query for one page and hands each row to {@code each}, for reads that go on page after
   * page themselves (the CSV export); returns where the next page starts (null after the last). It
   * reads the page's rows, not one more: a last page that is full is followed by an empty one.
   */
  public @Nullable Cursor window(
      ListStatements jdbc, String select, String from, PageSpec page, RowCallbackHandler each) {
    Prepared query = prepare(select, from, page, page.limit());
    SortKey key = page.key();
    long[] rows = {0, 0};
    String[] lastSortValue = {""};
    long[] lastId = {0};
    jdbc.client()
        .sql(query.sql())
        .params(query.params())
        .query(
            (RowCallbackHandler)
                rs -> {
                  each.processRow(rs);
                  rows[0]++;
                  if (bulky != null) {
                    rows[1] = rs.getLong(PageBytes.TAKEN);
                  }
                  lastSortValue[0] = sortValue(key, rs);
                  lastId[0] = rs.getLong("id");
                });
    // more rows may follow when the page is full, or when the bytes ended it early
    if (rows[0] < page.limit() && rows[1] <= rows[0]) {
      return null;
    }
    return new Cursor(key.property(), page.desc(), lastSortValue[0], lastId[0], page.filters());
  }

  /**
   * Runs a statement over the rows the filters select (an aggregate, say), planned for its values
   * as list pages are.
   *
   * @param statement the SQL, given the filters' condition ({@link #EVERY_ROW} when there are none)
   * @param values more parameters the statement names (besides the filters')
   */
  public <T> List<T> select(
      ListStatements jdbc,
      java.util.function.Function<String, String> statement,
      Map<String, ?> values,
      RowMapper<T> rows) {
    String condition = conditions.isEmpty() ? EVERY_ROW : String.join(" and ", conditions);
    Map<String, Object> all = new HashMap<>(params);
    all.putAll(values);
    return jdbc.client().sql(statement.apply(condition)).params(all).query(rows).list();
  }

  /**
   * Rows in id order, skipping {@code offset} rows: the paging of the Lead Gen & CRM wire protocol
   * (the REST API pages with a keyset instead). With a {@link #bulky} column, they end early once
   * they hold {@link PageBytes#LIMIT} bytes of it, and each row has {@link PageBytes#TAKEN}.
   */
  public <T> java.util.List<T> rows(
      ListStatements jdbc, String select, String from, int limit, int offset, RowMapper<T> rows) {
    String sql = selectFrom(select, from) + " order by id limit " + limit + " offset " + offset;
    if (bulky != null) {
      sql = PageBytes.fitting(sql, PageBytes.of("page." + bulky), "id");
    }
    return jdbc.client().sql(sql).params(params).query(rows).list();
  }

  /** {@code select ... from ...} with the filters' condition, if any. */
  private String selectFrom(String select, String from) {
    return "select "
        + select
        + " from "
        + from
        + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
  }

  /**
   * Equality conditions from the text of a wire-protocol {@code where}: each property must name a
   * column of {@code columns}; its text is read as the column's type.
   */
  public ListQuery equalities(
      java.util.Map<String, String> where, java.util.Map<String, Column> columns) {
    java.util.List<InvalidField> errors = new java.util.ArrayList<>();
    where.forEach(
        (property, text) -> {
          Column column = columns.get(property);
          if (column == null) {
            errors.add(new InvalidField(property, "is not a field that can be filtered on"));
            return;
          }
          try {
            equal(column.sql(), column.read(text));
          } catch (Values.TypeMismatch e) {
            errors.add(new InvalidField(property, e.getMessage()));
          } catch (RuntimeException e) {
            errors.add(new InvalidField(property, "must be " + column.type().described()));
          }
        });
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    return this;
  }

  /** The SQL of a page and its parameters; one row more than the page, to know if more follow. */
  public record Prepared(String sql, Map<String, Object> params) {}

  public Prepared prepare(String select, String from, PageSpec page) {
    return prepare(select, from, page, page.limit() + 1);
  }

  private Prepared prepare(String select, String from, PageSpec page, int rows) {
    SortKey key = page.key();
    String direction = page.desc() ? "desc" : "asc";
    List<String> where = new ArrayList<>(conditions);
    Cursor after = page.after();
    if (after != null) {
      String comparison = page.desc() ? "<" : ">";
      where.add(
          "("
              + key.expression()
              + ", id) "
              + comparison
              + " (:"
              + bind(cursorValue(key, after.value()))
              + ", :"
              + bind(after.id())
              + ")");
    }
    String sql =
        "select "
            + select
            + ", "
            + key.expression()
            + " as sort_key from "
            + from
            + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
            + " order by "
            + key.expression()
            + " "
            + direction
            + ", id "
            + direction
            + " limit "
            + rows;
    if (bulky != null) {
      sql =
          PageBytes.fitting(
              sql, PageBytes.of("page." + bulky), "sort_key " + direction + ", id " + direction);
    }
    return new Prepared(sql, Map.copyOf(params));
  }

  private record Row<T>(T item, String sortValue, long id) {}

  private static Object sqlValue(Object value) {
    return value instanceof Instant instant
        ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
        : value;
  }

  private static String sortValue(SortKey key, ResultSet rs) throws SQLException {
    return switch (key.type()) {
      case LONG -> Long.toString(rs.getLong("sort_key"));
      case DECIMAL -> rs.getBigDecimal("sort_key").toPlainString();
      case TEXT -> rs.getString("sort_key");
      case INSTANT -> rs.getObject("sort_key", OffsetDateTime.class).toInstant().toString();
    };
  }

  /**
   * The sort value of a cursor, read as strictly as any input: cursors are signed, but a value that
   * reaches SQL is checked whatever it came from.
   */
  private static Object cursorValue(SortKey key, String text) {
    try {
      return switch (key.type()) {
        case LONG -> Long.parseLong(text);
        case DECIMAL -> Values.parseDecimal(text);
        case TEXT -> text;
        case INSTANT -> OffsetDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC);
      };
    } catch (RuntimeException | Values.TypeMismatch e) {
      throw new InvalidInput("cursor", "is not a cursor issued by this service");
    }
  }
}
