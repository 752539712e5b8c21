package com.leadgencrm.opportunities.query;

/**
 * Where the previous page ended: the sort, the last row's sort value and id, and a fingerprint of
 * the filters (a cursor only continues the query that produced it). Clients see it only as the
 * opaque, signed text {@link Cursors} makes of it.
 *
 * @param sort sort property
 * @param desc descending
 * @param value last row's sort value, as text
 * @param id last row's id
 * @param filters fingerprint of the filters
 */
public record Cursor(String sort, boolean desc, String value, long id, String filters) {}
