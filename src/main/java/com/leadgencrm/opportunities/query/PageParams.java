package com.leadgencrm.opportunities.query;

import org.jspecify.annotations.Nullable;

/**
 * The paging parameters of a sorted list ({@code sort}, {@code limit}, {@code cursor}), as the
 * list's parameter record declares and documents them: what {@link Cursors} reads of a request to
 * know the page it asks for.
 */
public interface PageParams {

  @Nullable String sort();

  @Nullable Integer limit();

  @Nullable String cursor();
}
