package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.core.Versioned;
import java.net.URI;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;

/** The answers that carry a representation with its entity tag ({@code ETag}). */
public final class Responses {

  private Responses() {}

  /** 201 with the new resource's {@code Location}, its entity tag and representation. */
  public static <T> ResponseEntity<T> created(Versioned<T> created, Function<T, String> location) {
    return ResponseEntity.created(URI.create(location.apply(created.body())))
        .eTag(created.etag())
        .body(created.body());
  }

  /** 200 with the entity tag and the representation. */
  public static <T> ResponseEntity<T> ok(Versioned<T> current) {
    return ResponseEntity.ok().eTag(current.etag()).body(current.body());
  }

  /**
   * A read: null when the request's {@code If-None-Match} names the current tag (the request is
   * then answered 304), else 200 with the tag and the representation.
   */
  public static <T> @Nullable ResponseEntity<T> unlessNotModified(
      WebRequest request, Versioned<T> current) {
    if (request.checkNotModified(current.etag())) {
      return null;
    }
    return ok(current);
  }
}
