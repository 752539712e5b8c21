package com.leadgencrm.opportunities.query;

import com.leadgencrm.opportunities.core.InvalidInput;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the previous page ended: the sort, the last row's sort value and id, and a fingerprint of
 * the filters (a cursor only continues the query that produced it). Opaque to clients: base64url of
 * a small JSON object.
 *
 * @param sort sort property
 * @param desc descending
 * @param value last row's sort value, as text
 * @param id last row's id
 * @param filters fingerprint of the filters
 */
public record Cursor(String sort, boolean desc, String value, long id, String filters) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public String encode() {
    byte[] json = JSON.writeValueAsBytes(this);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }

  public static Cursor decode(String text) {
    try {
      byte[] json = Base64.getUrlDecoder().decode(text);
      Cursor cursor = JSON.readValue(json, Cursor.class);
      if (cursor.sort() == null || cursor.value() == null || cursor.filters() == null) {
        throw new IllegalArgumentException();
      }
      return cursor;
    } catch (IllegalArgumentException | JacksonException e) {
      throw new InvalidInput("cursor", "is not a cursor issued by this service");
    }
  }
}
