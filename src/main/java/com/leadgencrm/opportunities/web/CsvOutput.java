package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.query.RowSink;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API's {@code text/csv} answers (RFC 4180, CRLF line ends, UTF-8): a header row of
 * property names, then one line per resource, each cell what the JSON answer holds for that
 * property (its text for strings, the JSON literal for numbers and booleans, empty for null).
 *
 * <p>Nothing is written until the first row (or the end of an empty answer): a request refused
 * before that is answered with a problem, as any other. Rows go to the response as they come; the
 * servlet container's buffer is all that is held.
 *
 * <p>A text cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return is written with a leading {@code '}: a spreadsheet opening the file would otherwise run it
 * as a formula (CSV injection). Numbers and booleans are written as they are.
 */
@Component
public class CsvOutput {

  public static final String MEDIA_TYPE = "text/csv";

  private static final CSVFormat FORMAT = CSVFormat.RFC4180;

  private final JsonMapper mapper;

  CsvOutput(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /** A CSV answer, written from the first row on; its columns are given before that. */
  public Rows open(HttpServletResponse response) {
    return new Rows(response);
  }

  /** The rows of one answer. */
  public final class Rows implements RowSink<Object> {
    private final HttpServletResponse response;
    private List<String> columns = List.of();
    private @Nullable CSVPrinter printer;

    private Rows(HttpServletResponse response) {
      this.response = response;
    }

    @Override
    public void columns(List<String> names) {
      if (printer != null) {
        throw new IllegalStateException("the header is written already");
      }
      this.columns = List.copyOf(names);
    }

    /** One line: the cells of {@code resource}'s JSON representation, by column. */
    @Override
    public void row(Object resource) {
      JsonNode node = mapper.valueToTree(resource);
      List<String> cells = new ArrayList<>(columns.size());
      for (String column : columns) {
        cells.add(cell(node.get(column)));
      }
      write(cells);
    }

    /** One line of cells given as they are (still neutralised against formulas). */
    public void line(List<@Nullable String> cells) {
      List<String> written = new ArrayList<>(cells.size());
      for (String cell : cells) {
        written.add(cell == null ? "" : neutralised(cell));
      }
      write(written);
    }

    /** Ends the answer: the header alone when there were no rows. */
    public void finish() {
      try {
        printer().flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void write(List<String> cells) {
      try {
        printer().printRecord(cells);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private CSVPrinter printer() throws IOException {
      if (printer == null) {
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        printer = new CSVPrinter(response.getWriter(), FORMAT);
        printer.printRecord(columns);
      }
      return printer;
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
  private static <T> void everyPage(
      Function<@Nullable String, Page<T>> pages, RowSink<? super T> rows) {
    String cursor = null;
    do {
      Page<T> page = pages.apply(cursor);
      page.items().forEach(rows::row);
      cursor = page.nextCursor();
    } while (cursor != null);
  }

  private String cell(@Nullable JsonNode value) {
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
