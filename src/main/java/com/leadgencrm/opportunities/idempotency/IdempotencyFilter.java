package com.leadgencrm.opportunities.idempotency;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.Digests;
import com.leadgencrm.opportunities.web.CachedBody;
import com.leadgencrm.opportunities.web.ProblemWriter;
import com.leadgencrm.opportunities.web.RequestTooLarge;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on POST and PATCH. The first request with a key runs in one transaction
 * with the storing of its answer, so its writes and its answer commit together (or neither does: a
 * retry then runs it again). A retry with the same key and request replays the stored answer and
 * writes nothing; the same key with another request is 422; a retry while the first still runs is
 * 409. Keys are per API key and kept 24 hours, in PostgreSQL: they hold across instances and
 * restarts.
 */
@Component
@Order(0)
class IdempotencyFilter extends OncePerRequestFilter {

  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

  /** Headers of the answer that belong to the request at hand, never to a replay of it. */
  private static final Set<String> UNSTORED =
      Set.of(
          "date",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "x-request-id",
          "ratelimit",
          "ratelimit-policy");

  private final IdempotencyStore store;
  private final ProblemWriter problems;
  private final TransactionTemplate transaction;
  private final TransactionTemplate separate;

  IdempotencyFilter(
      IdempotencyStore store, ProblemWriter problems, PlatformTransactionManager transactions) {
    this.store = store;
    this.problems = problems;
    this.transaction = new TransactionTemplate(transactions);
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    return request.getHeader(HEADER) == null
        || !(method.equals("POST")
            || method.equals("PATCH")
            // an upsert by external key replaces or creates: a retry must not do it twice
            || (method.equals("PUT") && request.getRequestURI().contains("/opportunities/by/")))
        // an adapter marked it as a read before it ran: nothing to keep, no transaction needed
        || !Idempotency.isStored(request);
  }

  /** What became of a request with a key. */
  private sealed interface Outcome {}

  private record InProgress() implements Outcome {}

  private record OtherRequest() implements Outcome {}

  private record Replay(StoredResponse response) implements Outcome {}

  private record Fresh(StoredResponse response, boolean storeAfterwards) implements Outcome {}

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      problems.write(
          request,
          response,
          HttpStatus.BAD_REQUEST,
          "Idempotency-Key must be 1 to 255 visible ASCII characters",
          Map.of());
      return;
    }
    byte[] body;
    try {
      body = request.getInputStream().readAllBytes();
    } catch (RequestTooLarge e) {
      problems.write(
          request,
          response,
          HttpStatus.CONTENT_TOO_LARGE,
          e.getMessage(),
          Map.of("Connection", "close"));
      return;
    }
    Caller caller = Caller.currentOrNull();
    if (caller == null) {
      // not authenticated (an open path): nothing it does is made idempotent
      chain.doFilter(new CachedBody(request, body), response);
      return;
    }
    String scope = caller.keyId();
    String hash = hash(request, body);
    ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
    Outcome outcome;
    try {
      outcome =
          transaction.execute(
              status -> {
                if (!store.tryLock(scope, key)) {
                  return new InProgress();
                }
                Optional<IdempotencyStore.Record> stored = store.find(scope, key);
                if (stored.isPresent()) {
                  return stored.get().requestHash().equals(hash)
                      ? new Replay(stored.get().response())
                      : new OtherRequest();
                }
                CachedBody cached = new CachedBody(request, body);
                run(chain, cached, captured);
                StoredResponse answer = answer(captured);
                if (!Idempotency.isStored(cached)) {
                  // a read, or an answer that is not final: kept by no one, and nothing written
                  status.setRollbackOnly();
                  return new Fresh(answer, false);
                }
                if (answer.status() < 400) {
                  store.save(scope, key, hash, answer);
                  return new Fresh(answer, false);
                }
                // a refusal writes nothing: roll back, and keep the refusal itself outside this
                // transaction
                status.setRollbackOnly();
                return new Fresh(
                    answer,
                    answer.status() < 500 && answer.status() != 429 && answer.status() != 409);
              });
    } catch (TransactionException | DataAccessException e) {
      // the writes and the answer did not commit: nothing was done, and a retry will do it
      log.warn(
          "Idempotent {} {} could not commit: {}",
          request.getMethod(),
          request.getRequestURI(),
          e.toString());
      response.reset();
      problems.write(
          request,
          response,
          HttpStatus.SERVICE_UNAVAILABLE,
          "The database is unavailable; nothing was written, retry with the same Idempotency-Key",
          Map.of("Retry-After", "1"));
      return;
    }
    if (outcome instanceof InProgress) {
      problems.write(
          request,
          response,
          HttpStatus.CONFLICT,
          "A request with this Idempotency-Key is still in progress; retry when it has finished",
          Map.of());
    } else if (outcome instanceof OtherRequest) {
      problems.write(
          request,
          response,
          HttpStatus.UNPROCESSABLE_CONTENT,
          "This Idempotency-Key was used for another request; use a new key for a new request",
          Map.of());
    } else if (outcome instanceof Replay replay) {
      write(response, replay.response(), true);
    } else if (outcome instanceof Fresh fresh) {
      if (fresh.storeAfterwards()) {
        try {
          separate.executeWithoutResult(status -> store.save(scope, key, hash, fresh.response()));
        } catch (RuntimeException e) {
          log.warn(
              "Could not keep the refusal of an Idempotency-Key for {}: {}",
              request.getRequestURI(),
              e.toString());
        }
      }
      captured.copyBodyToResponse();
    }
  }

  private static void run(
      FilterChain chain, HttpServletRequest request, HttpServletResponse response) {
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hash(HttpServletRequest request, byte[] body) {
    MessageDigest digest = Digests.sha256();
    String target =
        request.getMethod()
            + " "
            + request.getRequestURI()
            + "?"
            + (request.getQueryString() == null ? "" : request.getQueryString())
            + "\n";
    digest.update(target.getBytes(StandardCharsets.UTF_8));
    digest.update(body);
    return HexFormat.of().formatHex(digest.digest());
  }

  private static StoredResponse answer(ContentCachingResponseWrapper response) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : response.getHeaderNames()) {
      if (!UNSTORED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        headers.put(name, new ArrayList<>(response.getHeaders(name)));
      }
    }
    if (response.getContentType() != null) {
      headers.put("Content-Type", List.of(response.getContentType()));
    }
    return new StoredResponse(response.getStatus(), headers, response.getContentAsByteArray());
  }

  private static void write(HttpServletResponse response, StoredResponse stored, boolean replayed)
      throws IOException {
    response.setStatus(stored.status());
    stored
        .headers()
        .forEach(
            (name, values) -> {
              response.setHeader(name, null);
              values.forEach(value -> response.addHeader(name, value));
            });
    if (replayed) {
      response.setHeader(REPLAYED, "true");
    }
    response.setContentLength(stored.body().length);
    response.getOutputStream().write(stored.body());
    response.flushBuffer();
  }
}
