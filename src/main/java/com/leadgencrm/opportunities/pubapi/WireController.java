package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.idempotency.Idempotency;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /pubapi/v1} and {@code /pubapi/v1.2}: the Lead Gen & CRM wire protocol, for
 * integrations written against it. Any content type; always 200. Its callers were authenticated by
 * the wire protocol's own security filter chain.
 */
@RestController
@Tag(name = "Wire protocol", description = WireProtocolDocs.TAG)
class WireController {

  private final WireCalls calls;

  WireController(WireCalls calls) {
    this.calls = calls;
  }

  @PostMapping(
      path = {"/pubapi/v1", "/pubapi/v1.2"},
      consumes = MediaType.ALL_VALUE)
  @SecurityRequirements
  @Operation(
      operationId = "pubapi",
      summary = "Call a method of the Lead Gen & CRM wire protocol",
      description = WireProtocolDocs.OPERATION)
  @Parameter(
      name = "accountID",
      in = ParameterIn.QUERY,
      description = "The API key's id",
      schema = @Schema(type = "string"))
  @Parameter(
      name = "secretKey",
      in = ParameterIn.QUERY,
      description = "The API key's secret",
      schema = @Schema(type = "string"))
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(ref = "#/components/schemas/WireRequest"),
              examples = @ExampleObject(value = WireProtocolDocs.REQUEST_EXAMPLE)))
  @ApiResponse(
      responseCode = "200",
      description = "Always 200: errors are in the envelope",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(ref = "#/components/schemas/WireResponse"),
              examples = @ExampleObject(value = WireProtocolDocs.RESPONSE_EXAMPLE)))
  void call(HttpServletRequest request, HttpServletResponse response) throws IOException {
    answer(request, response);
  }

  /** The same, with a trailing slash, as some clients send it. */
  @Hidden
  @PostMapping(
      path = {"/pubapi/v1/", "/pubapi/v1.2/"},
      consumes = MediaType.ALL_VALUE)
  void callWithTrailingSlash(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    answer(request, response);
  }

  private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    WireBody body = new WireBody(response);
    if (!calls.answer(WireRequest.of(request), body)) {
      Idempotency.doNotStore(request);
    }
    body.finish();
  }
}
