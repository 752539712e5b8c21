package com.leadgencrm.opportunities.event;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.util.RawValue;

@RestController
@Tag(
    name = "Events",
    description =
        "Every committed change, in commit order: a gap-free feed, and the history of each "
            + "opportunity")
class EventController {

  private final EventFeed feed;

  EventController(EventFeed feed) {
    this.feed = feed;
  }

  /** A page of events, each written as stored. */
  record EventPage(List<RawValue> items, @Nullable String nextCursor) {

    static EventPage of(FeedPage page) {
      return new EventPage(page.items().stream().map(RawValue::new).toList(), page.nextCursor());
    }
  }

  @GetMapping(path = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listEvents",
      summary = "Follow the changes: the event feed",
      description =
          """
          Events in id order. Follow `nextCursor` (never null: when a page is not full, poll the \
          same cursor again later) and you see every committed change exactly once, also when \
          transactions commit out of order; an event is in the feed within a second of its \
          commit. Salespeople see the events of their own opportunities (owner before or after \
          the change) and of their associations, and every deal stage, pipeline and field event. \
          Events are kept CRM_EVENTS_RETENTION_DAYS days (30); a position older than that is 410: \
          resync.""")
  @ApiResponse(
      responseCode = "200",
      description = "A page of events",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(ref = "#/components/schemas/EventPage")))
  EventPage list(@ParameterObject EventListParams params, QueryParameters query) {
    query.check(EventListParams.class);
    return EventPage.of(
        feed.page(
            new FeedQuery(
                params.after(),
                params.cursor(),
                split(params.type()),
                split(params.resourceType()),
                params.resourceID() == null ? List.of() : params.resourceID(),
                params.limit()),
            Caller.current()));
  }

  @GetMapping(path = "/opportunities/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "getOpportunityHistory",
      summary = "Who changed what and when: one opportunity's events, newest first",
      description =
          """
          Kept for the life of the opportunity and a year after its purge, whatever the feed's \
          retention. Also lists the events of its lead associations. A salesperson who owns the \
          opportunity sees all of it; one who owned it before sees the events of that time.""")
  @ApiResponse(
      responseCode = "200",
      description = "A page of events, newest first",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(ref = "#/components/schemas/EventHistoryPage")))
  EventPage history(
      @PathVariable long id, @ParameterObject HistoryParams params, QueryParameters query) {
    query.check(HistoryParams.class);
    return EventPage.of(feed.history(id, params.cursor(), params.limit(), Caller.current()));
  }

  /** The feed's own refusal: HTTP's word for "was here, is gone". */
  private static List<String> split(@Nullable String values) {
    if (values == null || values.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(values.split(",", -1)).map(String::trim).toList();
  }
}
