package com.leadgencrm.opportunities.pubapi;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One call of the wire protocol as it arrived, read once ({@link WireRequestFilter}) ahead of
 * authentication, which takes the credentials from it, and of the call itself.
 *
 * @param query the query parameters, decoded from the query string alone (never from a form body,
 *     whatever the content type says)
 * @param body the request body, whatever its content type
 * @param envelope the body as a JSON object, or null when it is not one (code 101)
 * @param version12 {@code /pubapi/v1.2} (UTC) rather than {@code /pubapi/v1}
 */
record WireRequest(
    MultiValueMap<String, String> query,
    byte[] body,
    @Nullable JsonNode envelope,
    boolean version12) {

  static final String ATTRIBUTE = WireRequest.class.getName();

  /** The request's {@code id}, echoed in the answer; null when there is none. */
  @Nullable JsonNode id() {
    return envelope == null ? null : envelope.get("id");
  }

  /** Whether the call names a read method ({@code get...}): it changes nothing. */
  boolean isRead() {
    JsonNode method = envelope == null ? null : envelope.get("method");
    return method != null && method.isString() && method.stringValue().startsWith("get");
  }

  /** The wire request of an HTTP request that {@link WireRequestFilter} has read. */
  static WireRequest of(HttpServletRequest request) {
    Object wire = request.getAttribute(ATTRIBUTE);
    if (wire instanceof WireRequest read) {
      return read;
    }
    throw new IllegalStateException("The wire protocol's filter did not read this request");
  }

  static WireRequest read(HttpServletRequest request, byte[] body, JsonMapper mapper) {
    JsonNode envelope = null;
    try {
      JsonNode parsed = body.length == 0 ? null : mapper.readTree(body);
      envelope = parsed != null && parsed.isObject() ? parsed : null;
    } catch (JacksonException e) {
      // not JSON: answered with code 101
    }
    return new WireRequest(
        query(request.getQueryString()), body, envelope, request.getRequestURI().contains("/v1.2"));
  }

  /**
   * {@code accountID} and {@code secretKey}: query parameters, else members of a body {@code
   * header}.
   */
  @Nullable String[] credentials() {
    String account = query.getFirst("accountID");
    String secret = query.getFirst("secretKey");
    JsonNode header = envelope == null ? null : envelope.get("header");
    if ((account == null || secret == null) && header != null && header.isObject()) {
      account = text(header.get("accountID"));
      secret = text(header.get("secretKey"));
    }
    return new String[] {account, secret};
  }

  private static @Nullable String text(@Nullable JsonNode value) {
    return value != null && value.isValueNode() ? value.asString() : null;
  }

  private static MultiValueMap<String, String> query(@Nullable String queryString) {
    MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
    UriComponentsBuilder.newInstance()
        .query(queryString == null ? "" : queryString)
        .build()
        .getQueryParams()
        .forEach((name, values) -> values.forEach(value -> query.add(decode(name), decode(value))));
    return query;
  }

  private static String decode(@Nullable String text) {
    try {
      return URLDecoder.decode(text == null ? "" : text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text == null ? "" : text;
    }
  }
}
