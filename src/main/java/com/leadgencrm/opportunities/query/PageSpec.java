package com.leadgencrm.opportunities.query;

import com.leadgencrm.opportunities.core.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * What page of a list to read: sort key and direction, page size, and where the previous page
 * ended.
 */
public record PageSpec(
    SortKey key, boolean desc, int limit, @Nullable Cursor after, String filters) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 500;

  /** Query parameters that shape the page rather than select rows. */
  public static final Set<String> PAGING_PARAMETERS = Set.of("sort", "limit", "cursor");

  /**
   * Reads {@code sort}, {@code limit} and a cursor ({@link Cursors#page} verifies and decodes it).
   *
   * @param keys the sort keys the resource offers; the first is the default
   * @param query every query parameter of the request, to fingerprint the filters
   */
  static PageSpec of(
      @Nullable String sort,
      @Nullable Integer limit,
      @Nullable Cursor after,
      List<SortKey> keys,
      MultiValueMap<String, String> query) {
    String filters = fingerprint(query);
    if (after != null) {
      SortKey key = find(keys, after.sort());
      if (key == null || !after.filters().equals(filters)) {
        throw new InvalidInput(
            "cursor", "belongs to another query; repeat the filters of the first page");
      }
      if (sort != null
          && !sort.equals(after.sort() + (after.desc() ? ",desc" : ",asc"))
          && !(sort.equals(after.sort()) && !after.desc())) {
        throw new InvalidInput("sort", "must be the sort of the first page, or left out");
      }
      return new PageSpec(key, after.desc(), limit(limit), after, filters);
    }
    if (sort == null || sort.isEmpty()) {
      return new PageSpec(keys.get(0), false, limit(limit), null, filters);
    }
    String[] parts = sort.split(",", -1);
    SortKey key = find(keys, parts[0]);
    boolean validDirection =
        parts.length == 1
            || (parts.length == 2 && (parts[1].equals("asc") || parts[1].equals("desc")));
    if (key == null || !validDirection) {
      throw new InvalidInput(
          "sort",
          "must be one of "
              + keys.stream().map(SortKey::property).collect(Collectors.joining(", "))
              + ", optionally followed by ,asc or ,desc");
    }
    return new PageSpec(
        key, parts.length == 2 && parts[1].equals("desc"), limit(limit), null, filters);
  }

  private static int limit(@Nullable Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  private static @Nullable SortKey find(List<SortKey> keys, String property) {
    return keys.stream().filter(k -> k.property().equals(property)).findFirst().orElse(null);
  }

  private static String fingerprint(MultiValueMap<String, String> query) {
    var filters = new TreeMap<String, List<String>>(query);
    PAGING_PARAMETERS.forEach(filters::remove);
    CRC32 crc = new CRC32();
    crc.update(filters.toString().getBytes(StandardCharsets.UTF_8));
    return Long.toHexString(crc.getValue());
  }
}
