package com.leadgencrm.opportunities.query;

/**
 * Pages bounded in bytes as well as in rows. An answer is built in memory, and some rows carry
 * large values: an opportunity with a 64 KiB text area, the events of its changes (whole
 * representations, before and after). 500 of them ran a 256 MiB heap out, alone or a few pages at
 * once. A page therefore ends early once its rows hold {@link #LIMIT} bytes (it always holds one),
 * and the client goes on from its last row, as after any page. The sizes are summed in the
 * statement, from what PostgreSQL knows of each value, so the rows past the page are never fetched.
 */
public final class PageBytes {

  /** The bytes of large values one page (or one round of webhook deliveries) holds at most. */
  public static final long LIMIT = 4L << 20;

  /** The column of a bounded page that tells how many rows the page's statement took. */
  public static final String TAKEN = "page_rows";

  private PageBytes() {}

  /**
   * The rows of {@code page} that fit in {@link #LIMIT} bytes, in {@code order}: each row whose
   * predecessors' sizes add up to less. Every row has {@link #TAKEN}, the number of rows {@code
   * page} gave: more than the rows that came means the bytes ended the page.
   *
   * @param page a statement of at most a page of rows (with its own order and limit)
   * @param size the size of a row of it, an expression over its columns ({@link #of})
   * @param order the page's order, over its columns ({@code id desc})
   */
  public static String fitting(String page, String size, String order) {
    return """
        select * from (
          select page.*, count(*) over () as %4$s,
                 coalesce(sum(%2$s) over (order by %3$s
                   rows between unbounded preceding and 1 preceding), 0) as page_bytes_before
            from (%1$s) page) sized
         where page_bytes_before < %5$d
         order by %3$s"""
        .formatted(page, size, order, TAKEN, LIMIT);
  }

  /**
   * The size of the values of {@code column} (json, jsonb or text): what a value takes stored,
   * which reads no more than its header, unless PostgreSQL compressed it (a value of one letter
   * repeated is a few hundred bytes so): then its length as text, which reads it whole.
   */
  public static String of(String column) {
    return ("case when pg_column_compression(%1$s) is null then pg_column_size(%1$s)"
            + " else octet_length(%1$s::text) end")
        .formatted(column);
  }
}
