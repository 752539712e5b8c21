package com.leadgencrm.opportunities.web;

/** The introduction of the OpenAPI document. */
final class ApiDescription {

  private ApiDescription() {}

  static final String TEXT =
      """
      Opportunities (deals), the deal stages of the sales pipeline, opportunity–lead associations and \
      field metadata of the Lead Gen & CRM system.

      **Credentials**: every call needs `Authorization: Bearer <keyId>.<secret>` (press *Authorize* \
      and paste a token). Administrators create keys with `POST /apiKeys`; a key belongs to a user \
      (the `ownerID` space) and one role:

      | role | opportunities and their leads | deal stages | fields | API keys |
      |---|---|---|---|---|
      | ADMINISTRATOR | all | read, write | read, write | manage |
      | COMPANY_MANAGER | all | read, write | read, write | – |
      | SALES_MANAGER | all | read | read | – |
      | MARKETING_MANAGER | read all | read | read, write | – |
      | SALESPERSON | own: read, create, update, delete | read | read | – |
      | JR_SALESPERSON | own: read, create, update | read | read | – |

      "Own" means `ownerID` is the key's user: such callers cannot create for or hand over to \
      another owner (403), and someone else's opportunity (or its associations) is a 404 to them; \
      lists hold only their rows. Each key is rate limited: every answer carries the key's bucket in \
      `RateLimit-Policy` and `RateLimit` (IETF httpapi draft: `q` requests at once, refilled within \
      `w` seconds; `r` remaining, full again in `t` seconds); beyond it, 429 with `Retry-After`.

      **Errors** are RFC 9457 `application/problem+json` documents. Invalid input is 400 with an \
      `errors` array naming every invalid field at once. Send `Accept: application/json`, \
      `application/problem+json` or `*/*`.

      **Request ids**: send `X-Request-Id` (1 to 128 of `A-Z a-z 0-9 - _ . : / + = @`) or get one \
      made up; it comes back in the answer's `X-Request-Id`, in problems (`requestId`) and in the \
      service's logs.

      **Lists** answer `{"items": [...], "nextCursor": "..." | null}`. Filter with the id fields \
      (several values repeated, `ownerID=7&ownerID=9`, or comma-separated, `ownerID=7,9`), the \
      boolean flags, `<field>From` / `<field>To` ranges (inclusive) and `q` (case-insensitive search \
      in the name); other parameters are given once. Sort with `sort=<field>,asc|desc`. Page with \
      `limit` (1 to 500, default 100) and `cursor` (the previous page's `nextCursor`; any page costs \
      what the first one costs).

      **Writes**: create answers 201 with `Location`; PATCH takes a JSON Merge Patch (RFC 7396); \
      single resources carry a strong `ETag`: send it back in `If-Match` to make a write conditional \
      (412 when stale), or in `If-None-Match` on a read (304 when unchanged).

      **Custom fields** of opportunities are properties of the opportunity schemas below, typed by \
      their definitions: the document follows the field catalog, so a client generated from it now \
      has an accessor for each field active now.
      """;
}
