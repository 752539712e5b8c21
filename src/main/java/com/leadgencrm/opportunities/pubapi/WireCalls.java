package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.Overloaded;
import com.leadgencrm.opportunities.core.Refusal;
import com.leadgencrm.opportunities.core.Refusals;
import com.leadgencrm.opportunities.core.Savepoints;
import com.leadgencrm.opportunities.core.Values;
import com.leadgencrm.opportunities.limits.LimitsProperties;
import com.leadgencrm.opportunities.web.AnswerBrokenOff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * The wire protocol's envelope: one call ({@code method}, {@code params}, {@code id}) of an
 * authenticated caller, dispatched to its family's method table and answered with {@code result},
 * {@code error} and the same {@code id}, always. No business rule lives here: the methods call the
 * services REST calls, and refusals become the protocol's codes ({@link WireErrors}).
 */
@Component
class WireCalls {

  private static final Logger log = LoggerFactory.getLogger(WireCalls.class);

  private final Map<String, WireMethod> methods = new HashMap<>();
  private final Savepoints savepoints;
  private final JsonMapper mapper;
  private final ZoneId v1Zone;
  private final LimitsProperties limits;
  private final WireMetrics metrics;

  WireCalls(
      List<WireMethod.Table> tables,
      Savepoints savepoints,
      JsonMapper mapper,
      LimitsProperties limits,
      WireMetrics metrics,
      @Value("${crm.pubapi.v1-time-zone:UTC}") String v1Zone) {
    tables.forEach(table -> methods.putAll(table.methods()));
    this.savepoints = savepoints;
    this.limits = limits;
    this.metrics = metrics;
    this.mapper = mapper;
    this.v1Zone = ZoneId.of(v1Zone);
  }

  /**
   * Answers a call into {@code body}.
   *
   * @return whether the answer may be kept for a retry with an Idempotency-Key
   */
  boolean answer(WireRequest request, WireBody body) {
    WireAnswer answer;
    try {
      // a failure in the database rolls back this call alone, never the request's transaction
      answer =
          savepoints.guard(
              () -> {
                WireAnswer answered = dispatch(request);
                write(answered, request.id(), body);
                return answered;
              });
    } catch (RuntimeException e) {
      if (body.sending()) {
        // rows went out already: the answer is broken off (the connection closed before its
        // end), never ended as if it were whole
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
          log.info("Wire protocol answer not read to its end by the client: {}", e.toString());
        } else {
          log.warn("Wire protocol answer broken off after its first rows: {}", e.toString());
        }
        metrics.answered(request, WireError.unexpected().object());
        throw new AnswerBrokenOff(e);
      }
      body.discard();
      answer = failed(e, request);
      write(answer, request.id(), body);
    }
    metrics.answered(request, answer.error());
    return answer.stored();
  }

  /** The answer to a call that failed: its refusal, or the failure, in the protocol's terms. */
  private WireAnswer failed(RuntimeException failure, WireRequest request) {
    try {
      throw failure;
    } catch (WireError e) {
      return WireAnswer.failed(e);
    } catch (InvalidInput e) {
      // a read's where, limit or offset the services refuse
      return WireAnswer.failed(
          new WireError(WireError.INVALID_PARAMETERS, "Invalid parameters", e.errors()));
    } catch (AccessDeniedException e) {
      return WireAnswer.failed(
          new WireError(
              WireError.AUTHENTICATION_FAILED,
              "User authentication failed: the role of this API key ("
                  + Caller.current().role()
                  + ") may not call "
                  + request.envelope().path("method").asString()));
    } catch (Overloaded e) {
      return WireAnswer.failed(
          new WireError(
              WireError.UNAVAILABLE,
              e.getMessage(),
              List.of(Map.of("retryAfter", e.retryAfterSeconds()))));
    } catch (DataAccessException | TransactionException e) {
      Refusal refusal = Refusals.lostConnection(e) ? null : Refusals.of(e);
      if (Refusals.timedOut(e)) {
        // PostgreSQL cancelled a statement that ran out of its time limit: the database is fine
        log.info("Wire protocol call ran into the statement time limit: {}", e.getMessage());
        return WireAnswer.failed(
            new WireError(
                WireError.UNAVAILABLE,
                limits.statementTimedOut(),
                List.of(Map.of("retryAfter", 1))));
      }
      if (Refusals.collided(e)) {
        log.info("Wire protocol call collided with a concurrent change: {}", e.getMessage());
        return WireAnswer.failed(
            new WireError(
                WireError.UNAVAILABLE, Refusals.COLLIDED, List.of(Map.of("retryAfter", 1))));
      }
      if (refusal != null) {
        // a value PostgreSQL refuses (a NUL character, say) that no rule of the services caught
        log.info("Wire protocol call refused by the database: {}", e.getMessage());
        return WireAnswer.failed(
            new WireError(
                WireError.INVALID_PARAMETERS,
                "Invalid parameters",
                List.of(Map.of("message", "a value the database cannot store or compare"))));
      }
      log.warn("Wire protocol call failed in the database: {}", e.toString());
      return WireAnswer.failed(WireError.unavailable());
    } catch (Refusal e) {
      return WireAnswer.failed(WireErrors.of(e));
    } catch (RuntimeException e) {
      // input no rule foresaw: a bug to fix, and still an answer in the protocol's envelope
      log.error(
          "Unexpected error in wire protocol call {}",
          request.envelope() == null ? null : request.envelope().path("method"),
          e);
      return WireAnswer.failed(WireError.unexpected());
    }
  }

  private WireAnswer dispatch(WireRequest request) {
    JsonNode envelope = request.envelope();
    if (envelope == null) {
      throw new WireError(WireError.INVALID_REQUEST_DATA, "Invalid request data format");
    }
    if (request.id() == null) {
      throw new WireError(WireError.MISSING_REQUEST_ID, "Header missing request ID");
    }
    JsonNode method = envelope.get("method");
    if (method == null
        || method.isNull()
        || (method.isString() && method.stringValue().isEmpty())) {
      throw new WireError(WireError.MISSING_METHOD, "Missing method");
    }
    if (!method.isString()) {
      throw new WireError(WireError.INVALID_METHOD, "Invalid method");
    }
    JsonNode given = envelope.get("params");
    if (given == null || given.isNull()) {
      throw new WireError(WireError.MISSING_PARAMS, "Missing params");
    }
    JsonNode params = given.isArray() && given.isEmpty() ? mapper.createObjectNode() : given;
    if (!params.isObject()) {
      throw new WireError(
          WireError.INVALID_PARAMETERS, "Invalid parameters: params must be an object");
    }
    WireMethod call = methods.get(method.stringValue());
    if (call == null) {
      throw new WireError(WireError.INVALID_METHOD, "Invalid method");
    }
    WireValues values = new WireValues(request.version12() ? ZoneOffset.UTC : v1Zone);
    return call.call(new WireCall(params, values, mapper, savepoints));
  }

  /**
   * Writes the envelope of an answer. A read's rows are read and written one at a time ({@link
   * WireAnswer.Rows}, whose error is null), each as its own tree: the same bytes as {@link
   * #envelope} writes.
   */
  private void write(WireAnswer answer, @Nullable JsonNode id, WireBody body) {
    if (!(answer.result() instanceof WireAnswer.Rows rows)) {
      try {
        body.write(envelope(answer.result(), answer.error(), id));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    // closed only once whole: closing it after a failure would end the open array and objects,
    // and an answer broken off must not look whole
    JsonGenerator json = mapper.createGenerator(body);
    json.writeStartObject();
    json.writeName("result");
    json.writeStartObject();
    json.writeName(rows.key());
    json.writeStartArray();
    rows.rows().each(row -> json.writeTree(mapper.valueToTree(row)));
    json.writeEndArray();
    json.writeEndObject();
    json.writeName("error");
    json.writeNull();
    json.writeName("id");
    json.writeTree(id == null ? mapper.nullNode() : echo(id));
    json.writeEndObject();
    json.close();
  }

  /** The envelope of an answer. */
  byte[] envelope(@Nullable Object result, @Nullable Object error, @Nullable JsonNode id) {
    ObjectNode envelope = mapper.createObjectNode();
    envelope.set("result", mapper.valueToTree(result));
    envelope.set("error", mapper.valueToTree(error));
    envelope.set("id", id == null ? mapper.nullNode() : echo(id));
    return mapper.writeValueAsBytes(envelope);
  }

  /**
   * The request's id as it came. Decimals in it are written back as their numbers ({@code
   * 1E-30000000}), never expanded into plain digits as other decimals are: that was a 500, or 30
   * million zeros. A string with an unpaired surrogate (which JSON can hold escaped, and UTF-8
   * cannot) is written back escaped, as it came.
   */
  private JsonNode echo(JsonNode id) {
    if (id.isNumber() && !id.isIntegralNumber()) {
      return mapper.getNodeFactory().rawValueNode(new RawValue(id.decimalValue().toString()));
    }
    if (id.isString() && !Values.isValidText(id.stringValue())) {
      return mapper.getNodeFactory().rawValueNode(new RawValue(escaped(id.stringValue())));
    }
    if (id.isArray()) {
      ArrayNode copy = mapper.createArrayNode();
      id.forEach(element -> copy.add(echo(element)));
      return copy;
    }
    if (id.isObject()) {
      ObjectNode copy = mapper.createObjectNode();
      id.properties().forEach(member -> copy.set(member.getKey(), echo(member.getValue())));
      return copy;
    }
    return id;
  }

  /** A JSON string of any text: beyond ASCII printable characters, every UTF-16 unit escaped. */
  private static String escaped(String text) {
    StringBuilder json = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        json.append(c);
      } else {
        json.append(String.format("\\u%04x", (int) c));
      }
    }
    return json.append('"').toString();
  }

  /** The envelope of a call refused before it could run (authentication, limits, outages). */
  byte[] refused(WireRequest request, WireError error) {
    metrics.answered(request, error.object());
    return envelope(null, error.object(), request.id());
  }
}
