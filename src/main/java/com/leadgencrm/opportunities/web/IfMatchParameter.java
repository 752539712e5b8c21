package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.core.IfMatch;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;

/**
 * The {@code If-Match} header of a write, as a controller method takes it ({@code IfMatchParameter
 * ifMatch}): bound from the request and documented as an optional header, "412 when stale". It is
 * read only when the method asks ({@link #parse}), after the body, as the header was before.
 */
public final class IfMatchParameter {

  static final String DESCRIPTION = "Entity tag the change is based on: 412 when stale";

  private final @Nullable String header;

  private IfMatchParameter(@Nullable String header) {
    this.header = header;
  }

  /** The precondition the header states: none when there is no header; 400 when malformed. */
  public IfMatch parse() {
    return IfMatchHeader.parse(header);
  }

  /**
   * The parameter of a request: its header's value, repeats joined as {@code @RequestHeader} does.
   */
  static IfMatchParameter of(NativeWebRequest request) {
    String[] values = request.getHeaderValues(HttpHeaders.IF_MATCH);
    return new IfMatchParameter(values == null ? null : String.join(",", values));
  }

  /** Documents the header of an operation whose method takes the parameter. */
  static Operation document(Operation operation, HandlerMethod handler) {
    if (Arrays.stream(handler.getMethodParameters())
        .anyMatch(parameter -> parameter.getParameterType() == IfMatchParameter.class)) {
      operation.addParametersItem(
          new HeaderParameter()
              .name(HttpHeaders.IF_MATCH)
              .required(false)
              .description(DESCRIPTION)
              .schema(new StringSchema()));
    }
    return operation;
  }
}
