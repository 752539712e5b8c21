package com.leadgencrm.opportunities.query;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The documentation of the query parameters that lists share (paging, sort, time ranges), written
 * once. Each annotation stands for springdoc's {@link Parameter} (springdoc reads it as a
 * meta-annotation) on a component of a list's parameter record or on a controller parameter, which
 * then declares only what is its own.
 */
public final class ListParameterDocs {

  private ListParameterDocs() {}

  /** {@code limit} of a sorted list: {@link PageSpec}'s bounds and default. */
  @Target({FIELD, PARAMETER, METHOD})
  @Retention(RUNTIME)
  @Parameter(
      description = "Page size",
      schema =
          @Schema(
              type = "integer",
              format = "int32",
              minimum = "1",
              maximum = "" + PageSpec.MAX_LIMIT,
              defaultValue = "" + PageSpec.DEFAULT_LIMIT))
  public @interface PageSize {}

  /**
   * {@code limit} with its bounds and default in words (the change feed, an opportunity's history,
   * webhooks and their deliveries).
   */
  @Target({FIELD, PARAMETER, METHOD})
  @Retention(RUNTIME)
  @Parameter(
      description = "Page size, 1 to 500 (default 100)",
      schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "500"))
  public @interface PageSizeInWords {}

  /** {@code cursor} of a list with filters. */
  @Target({FIELD, PARAMETER, METHOD})
  @Retention(RUNTIME)
  @Parameter(description = "The nextCursor of the previous page (with the same filters and sort)")
  public @interface SameQueryCursor {}

  /** {@code cursor} of a list without filters. */
  @Target({FIELD, PARAMETER, METHOD})
  @Retention(RUNTIME)
  @Parameter(description = "The nextCursor of the previous page")
  public @interface PageCursor {}

  /**
   * {@code sort}: the keys a list sorts by, the first being the default, as its {@link SortKey}s
   * name them. The description and the allowed values (each key alone, with {@code ,asc} and with
   * {@code ,desc}) are filled in from these by the REST adapter ({@code web.ListParameterFill}).
   */
  @Target({FIELD, PARAMETER, METHOD})
  @Retention(RUNTIME)
  @Parameter(schema = @Schema(type = "string"))
  public @interface SortKeys {

    /** The keys, in the order the document lists them; the first is the default. */
    String[] value();

    /** How the description names the default, when not by the first key alone. */
    String byDefault() default "";

    /** A sentence the description ends with. */
    String note() default "";
  }

  /**
   * A parameter that takes one of an enum's constants, spelled in lower case as clients write them:
   * the REST adapter ({@code web.ListParameterFill}) fills in the allowed values, in the enum's
   * order.
   */
  @Target({FIELD, PARAMETER, METHOD})
  @Retention(RUNTIME)
  public @interface OneOf {

    Class<? extends Enum<?>> value();
  }

  /** {@code createTimestampFrom}. */
  @Target({FIELD, PARAMETER, METHOD})
  @Retention(RUNTIME)
  @Parameter(description = "Created at or after: a date-time with offset, or a date (00:00 UTC)")
  public @interface CreatedFrom {}

  /** {@code createTimestampTo}. */
  @Target({FIELD, PARAMETER, METHOD})
  @Retention(RUNTIME)
  @Parameter(description = "Created at or before")
  public @interface CreatedTo {}

  /** {@code updateTimestampFrom}. */
  @Target({FIELD, PARAMETER, METHOD})
  @Retention(RUNTIME)
  @Parameter(description = "Changed at or after: incremental sync")
  public @interface ChangedFrom {}

  /** {@code updateTimestampTo}. */
  @Target({FIELD, PARAMETER, METHOD})
  @Retention(RUNTIME)
  @Parameter(description = "Changed at or before")
  public @interface ChangedTo {}
}
