package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.query.RowSink;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API's {@code text/csv} answers (RFC 4180, CRLF line ends, UTF-8): a header row of
 * property names, then one line per resource, each cell what the JSON answer holds for that
 * property (its text for strings, the JSON literal for numbers and booleans, empty for null).
 *
 * <p>Lines are held until {@link Rows#flush} (after each page or window of rows read, when no
 * statement waits for the client to take them) or the end: a request refused before its first
 * window is answered with a problem, as any other. Then they go to the response 8 KB at a time: one
 * window of lines and the servlet container's buffer are all that is held.
 *
 * <p>A text cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return is written with a leading {@code '}: a spreadsheet opening the file would otherwise run it
 * as a formula (CSV injection). Numbers and booleans are written as they are.
 */
@Component
public class CsvOutput {

  public static final String MEDIA_TYPE = "text/csv";

  private static final CSVFormat FORMAT = CSVFormat.RFC4180;

  /** Characters of whole lines gathered before they go to the response's writer. */
  private static final int BUFFER = 8192;

  private final JsonMapper mapper;

  CsvOutput(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /** A CSV answer, written from the first row on; its columns are given before that. */
  public Rows open(HttpServletResponse response) {
    return new Rows(response);
  }

  /** The rows of one answer. */
  public final class Rows implements RowSink {
    private final HttpServletResponse response;
    private List<String> columns = List.of();

    /** The lines not yet handed to the response, whole lines only. */
    private StringBuilder pending = new StringBuilder(BUFFER + BUFFER / 4);

    private final char[] block = new char[BUFFER];
    private boolean started;
    private boolean newRecord = true;
    private @Nullable PrintWriter out;

    private Rows(HttpServletResponse response) {
      this.response = response;
    }

    @Override
    public void columns(List<String> names) {
      if (started) {
        throw new IllegalStateException("the header is written already");
      }
      this.columns = List.copyOf(names);
    }

    /** One line: the cells of {@code resource}'s JSON representation, by column. */
    public void row(Object resource) {
      JsonNode node = mapper.valueToTree(resource);
      for (String column : columns) {
        print(jsonCell(node.get(column)));
      }
      endRow();
    }

    @Override
    public void cell(@Nullable Object value) {
      String literal = literal(value);
      if (literal == null) {
        print(plainCell(value));
        return;
      }
      // what the format would write for it, without its quoting rules at work on every character
      header();
      if (!newRecord) {
        pending.append(FORMAT.getDelimiterString());
      }
      pending.append(literal);
      newRecord = false;
    }

    @Override
    public void endRow() {
      header();
      try {
        FORMAT.println(pending);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a StringBuilder does not fail
      }
      newRecord = true;
    }

    /** The lines so far to the response. */
    @Override
    public void flush() {
      header();
      send();
    }

    /** One line of cells given as they are (still neutralised against formulas). */
    public void line(List<@Nullable String> cells) {
      for (String cell : cells) {
        print(cell == null ? "" : neutralised(cell));
      }
      endRow();
    }

    /** Ends the answer: the header alone when there were no rows. */
    public void finish() {
      header();
      send();
      writer().flush();
    }

    /**
     * One cell, quoted as the format says, into {@link #pending}: the lines are handed to the
     * response's writer a block at a time ({@link #send}), as the format writes a cell in several
     * pieces, and each write to the response's writer passes the wrappers around it (the security
     * context's, the committed check's) and a lock.
     */
    private void print(String cell) {
      header();
      try {
        FORMAT.print(cell, pending, newRecord);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a StringBuilder does not fail
      }
      newRecord = false;
    }

    /** The header, before the first line. */
    private void header() {
      if (!started) {
        started = true;
        try {
          FORMAT.printRecord(pending, columns.toArray());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    /** The response's writer: the answer is CSV from the first line on. */
    private PrintWriter writer() {
      if (out == null) {
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try {
          out = response.getWriter();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return out;
    }

    /**
     * The pending lines to the response, {@link #BUFFER} characters at a time; a window's worth of
     * room (4 MiB of large values, say) is let go rather than kept for the next.
     */
    private void send() {
      int length = pending.length();
      for (int from = 0; from < length; from += BUFFER) {
        int to = Math.min(length, from + BUFFER);
        pending.getChars(from, to, block, 0);
        writer().write(block, 0, to - from);
      }
      if (pending.capacity() > 16 * BUFFER) {
        pending = new StringBuilder(BUFFER + BUFFER / 4);
      } else {
        pending.setLength(0);
      }
    }
  }

  /** The properties of a view record, in the order of its JSON representation. */
  private static List<String> columns(Class<? extends Record> view) {
    return java.util.Arrays.stream(view.getRecordComponents())
        .map(java.lang.reflect.RecordComponent::getName)
        .toList();
  }

  /**
   * A paged list as one CSV answer, every row of every page, with the view's properties as columns:
   * {@code pages} reads the page after a cursor (the first page for null).
   */
  public <T extends Record> void everyPage(
      HttpServletResponse response, Class<T> view, Function<@Nullable String, Page<T>> pages) {
    Rows rows = open(response);
    rows.columns(columns(view));
    everyPage(pages, rows);
    rows.finish();
  }

  /**
   * Every row of a paged list, page after page: {@code pages} reads the page after a cursor (the
   * first page for null). For the short lists (deal stages, fields) whose pages are cheap.
   */
  private static <T> void everyPage(Function<@Nullable String, Page<T>> pages, Rows rows) {
    String cursor = null;
    do {
      Page<T> page = pages.apply(cursor);
      page.items().forEach(rows::row);
      rows.flush();
      cursor = page.nextCursor();
    } while (cursor != null);
  }

  /**
   * The cell of a plain value, as {@link #jsonCell} reads its JSON representation, without building
   * that: text (neutralised), numbers and booleans as JSON writes them, an instant as its ISO-8601
   * text; anything else through its JSON representation.
   */
  private String plainCell(@Nullable Object value) {
    String literal = literal(value);
    if (literal != null) {
      return literal;
    }
    if (value == null) {
      return "";
    }
    if (value instanceof String text) {
      return neutralised(text);
    }
    if (value instanceof Instant instant) {
      return neutralised(instant.toString());
    }
    return jsonCell(mapper.valueToTree(value));
  }

  /**
   * The text of a number or a boolean as JSON writes it: digits, {@code -}, {@code .} and letters,
   * which RFC 4180 never quotes (no delimiter, quote or line break; nor, for Commons CSV's minimal
   * quoting, a first character up to {@code #} or a last one up to a space), and which is no
   * formula. Null for other values.
   */
  private static @Nullable String literal(@Nullable Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof BigInteger
        || value instanceof Boolean) {
      return value.toString();
    }
    return null;
  }

  private String jsonCell(@Nullable JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    if (value.isString()) {
      return neutralised(value.asString());
    }
    if (value.isContainer()) {
      return neutralised(mapper.writeValueAsString(value));
    }
    // the JSON text of a scalar without a generator per cell (decimals are written plain in JSON)
    if (value.isBigDecimal()) {
      return value.decimalValue().toPlainString();
    }
    if (value.isIntegralNumber() || value.isBoolean()) {
      return value.asString();
    }
    return mapper.writeValueAsString(value);
  }

  /** The text, with a leading {@code '} when a spreadsheet would read it as a formula. */
  static String neutralised(String text) {
    if (text.isEmpty()) {
      return text;
    }
    return switch (text.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
      default -> text;
    };
  }
}
