package com.leadgencrm.opportunities.pubapi;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The wire protocol's section of the OpenAPI document. */
@Configuration(proxyBeanMethods = false)
class WireProtocolDocs {

  static final String TAG =
      """
      The Lead Gen & CRM JSON-RPC wire protocol, for existing integrations: they only change their \
      base URL. The same rules, custom fields, roles and owner scoping as the REST API apply.""";

  static final String OPERATION =
      """
      `POST /pubapi/v1` or `/pubapi/v1.2` (with or without a trailing slash, any Content-Type) with \
      `accountID` (the API key's id) and `secretKey` (its secret) as query parameters, or as members \
      of a body object `header`. Always answers 200 with `{"result", "error", "id"}`, `id` being the \
      request's, of the same JSON type; only a body over 2 MiB is refused unread, with HTTP 413 and \
      the envelope of error code 413.

      | family | get by id | get with where | DateRange | create | update | delete |
      |---|---|---|---|---|---|---|
      | Opportunity | getOpportunity | getOpportunities | getOpportunitiesDateRange | createOpportunities | updateOpportunities | deleteOpportunities |
      | OpportunityLead | getOpportunityLead | getOpportunityLeads | getOpportunityLeadsDateRange | createOpportunityLeads | updateOpportunityLeads | deleteOpportunityLeads |
      | DealStage | getDealStage | getDealStages | getDealStagesDateRange | createDealStages | updateDealStages | deleteDealStages |
      | Field | getField | getFields | getFieldsDateRange | createFields | updateFields | deleteFields (custom fields, by systemName) |

      Params: `{id}`; `{where, limit, offset}` (`where` equalities combined with AND, `{}`, `[]` or \
      `""` for none; `limit` 500 at most and by default; `offset` counts rows); `{startDate, endDate, \
      timestamp}` (`YYYY-MM-DD HH:MM:SS`, inclusive; `timestamp` `create` or `update`); \
      `{objects: [...]}` (at most 500; updates and deletes name `id`, deleteFields `systemName`).

      Results: `{"opportunity": [rows]}`, `{"getWhereopportunityLeads": [...]}` for \
      getOpportunityLeads, `{"opportunityLead": [...]}`, `{"dealStage": [...]}`, `{"field": [...]}`; \
      writes `{"creates" | "updates" | "deletes": [{"success", "error", "id"}]}`, one slot per object \
      in order, with the top-level `error` the array of the failed slots' errors. Row values are \
      strings (booleans `"0"`/`"1"`, date-times `YYYY-MM-DD HH:MM:SS`: UTC for v1.2, the configured \
      zone for v1); unset values are null; custom fields are row keys.

      Error codes: 101 invalid request data format, 102 missing request id, 105 authentication \
      failed (also: the key's role may not call the method), 201 missing method, 202 missing params, \
      204 invalid method, 205 invalid parameters, 206 missing parameters, 207 missing objects array, \
      208 object is malformed (data: the invalid fields), 209 too many objects, 211 only custom \
      fields can be deleted, 301 entry already exists, 302 no table rows affected; and 413 when the \
      body is over 2 MiB, 429 when the key's rate limit is exceeded, 500 when the service failed \
      (a fault of its own, logged), 503 when the database is unavailable.""";

  static final String REQUEST_EXAMPLE =
      """
      {"method": "getOpportunities", "params": {"where": {"ownerID": "7"}, "limit": 100, "offset": 0}, "id": "1"}""";

  static final String RESPONSE_EXAMPLE =
      """
      {"result": {"opportunity": [{"id": "1051", "ownerID": "7", "dealStageID": "2", "accountID": null,
       "opportunityName": "Acme Corp - 500 seats", "isClosed": "0", "closeDate": "2026-12-31 00:00:00"}]},
       "error": null, "id": "1"}""";

  @Bean
  OpenApiCustomizer wireProtocolSchemas() {
    return openApi -> {
      openApi
          .getComponents()
          .addSchemas(
              "WireRequest",
              new ObjectSchema()
                  .description("A call of the wire protocol")
                  .addProperty("method", new StringSchema().example("getOpportunities"))
                  .addProperty("params", new ObjectSchema().additionalProperties(true))
                  .addProperty(
                      "id",
                      new Schema<>()
                          .description("Any JSON value; echoed in the answer")
                          .example("1"))
                  .addProperty(
                      "header",
                      new ObjectSchema()
                          .description("accountID and secretKey, when not in the query")
                          .additionalProperties(true)));
      Schema<?> error =
          new ObjectSchema()
              .nullable(true)
              .addProperty("code", new IntegerSchema().example(205))
              .addProperty("message", new StringSchema().example("Invalid parameters"))
              .addProperty("data", new ArraySchema().items(new Schema<>()));
      openApi
          .getComponents()
          .addSchemas(
              "WireResponse",
              new ObjectSchema()
                  .description("The answer to a call: a result, or an error, and the call's id")
                  .addProperty(
                      "result", new ObjectSchema().nullable(true).additionalProperties(true))
                  .addProperty(
                      "error",
                      new Schema<>()
                          .nullable(true)
                          .description(
                              "null; an error object; or, for writes with failed objects, an array of their errors"))
                  .addProperty("id", new Schema<>().nullable(true))
                  .additionalProperties(false));
      openApi.getComponents().addSchemas("WireError", error);
    };
  }
}
