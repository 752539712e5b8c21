package com.leadgencrm.opportunities.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A {@code timestamptz} column as {@link java.time.Instant#toString} (and so JSON) writes it,
 * {@code 2026-04-21T11:32:19.874Z}, made from PostgreSQL's own text of it, {@code 2026-04-21
 * 11:32:19.874+00}, without parsing it into an instant and formatting that again: the CSV export
 * reads four per row. PostgreSQL writes the fraction without its trailing zeros; the instant's text
 * has it in groups of three digits. Any other text (a session time zone other than UTC, a year past
 * 9999 or before Christ, infinity) goes through {@link OffsetDateTime}.
 */
public final class TimestampText {

  private static final int SECONDS = "2026-04-21 11:32:19".length();
  private static final String UTC = "+00";

  private TimestampText() {}

  /** The instant's text, or null for SQL null. */
  public static @Nullable String of(ResultSet rs, int column) throws SQLException {
    String text = rs.getString(column);
    if (text == null) {
      return null;
    }
    String iso = iso(text);
    return iso != null ? iso : rs.getObject(column, OffsetDateTime.class).toInstant().toString();
  }

  /** The instant's text made from PostgreSQL's, or null when that is not a plain one. */
  static @Nullable String iso(String text) {
    if (!plain(text)) {
      return null;
    }
    int fraction = text.length() - SECONDS - UTC.length() - 1; // digits
    StringBuilder iso = new StringBuilder(30);
    iso.append(text, 0, 10).append('T').append(text, 11, SECONDS);
    if (fraction > 0) {
      iso.append(text, SECONDS, SECONDS + 1 + fraction);
      for (int i = fraction; i % 3 != 0; i++) {
        iso.append('0');
      }
    }
    return iso.append('Z').toString();
  }

  /**
   * {@code yyyy-MM-dd HH:mm:ss}, then a fraction of 1 to 6 digits without trailing zeros or none,
   * in UTC.
   */
  private static boolean plain(String text) {
    int length = text.length();
    int fraction = length - SECONDS - UTC.length(); // with its point
    if (fraction < 0 || fraction == 1 || fraction > 7 || !text.endsWith(UTC)) {
      return false;
    }
    if (fraction > 0 && text.charAt(SECONDS + fraction - 1) == '0') {
      return false;
    }
    for (int i = 0; i < SECONDS + fraction; i++) {
      char c = text.charAt(i);
      boolean expected =
          switch (i) {
            case 4, 7 -> c == '-';
            case 10 -> c == ' ';
            case 13, 16 -> c == ':';
            case 19 -> c == '.';
            default -> c >= '0' && c <= '9';
          };
      if (!expected) {
        return false;
      }
    }
    return true;
  }
}
