package com.leadgencrm.opportunities.idempotency;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** First answers to Idempotency-Keys, in PostgreSQL: shared by every instance, kept 24 hours. */
@Component
class IdempotencyStore {

  private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);
  private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {};

  /** A stored answer and the hash of the request that got it. */
  record Record(String requestHash, StoredResponse response) {}

  private final JdbcClient jdbc;
  private final JsonMapper mapper;

  IdempotencyStore(JdbcClient jdbc, JsonMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /**
   * Takes the key for the current transaction; false when another request holds it (on any
   * instance), that is, while the first request with this key is still running.
   */
  boolean tryLock(String scope, String key) {
    return Boolean.TRUE.equals(
        jdbc.sql(
                "select pg_try_advisory_xact_lock(hashtextextended(:scope || chr(31) || :key, 7261))")
            .param("scope", scope)
            .param("key", key)
            .query(Boolean.class)
            .single());
  }

  Optional<Record> find(String scope, String key) {
    return jdbc.sql(
            """
            select request_hash, status, headers, body from idempotency_record
             where api_key_id = :scope and idempotency_key = :key
               and created_at > now() - interval '24 hours'""")
        .param("scope", scope)
        .param("key", key)
        .query(
            (rs, n) ->
                new Record(
                    rs.getString("request_hash"),
                    new StoredResponse(
                        rs.getInt("status"),
                        mapper.readValue(rs.getString("headers"), HEADERS),
                        rs.getBytes("body"))))
        .optional();
  }

  /** Stores the first answer; an expired record of the same key gives way, a live one stays. */
  void save(String scope, String key, String requestHash, StoredResponse response) {
    jdbc.sql(
            """
            insert into idempotency_record (api_key_id, idempotency_key, request_hash, status, headers, body)
            values (:scope, :key, :hash, :status, cast(:headers as jsonb), :body)
            on conflict (api_key_id, idempotency_key) do update
               set request_hash = excluded.request_hash, status = excluded.status,
                   headers = excluded.headers, body = excluded.body, created_at = now()
             where idempotency_record.created_at <= now() - interval '24 hours'""")
        .param("scope", scope)
        .param("key", key)
        .param("hash", requestHash)
        .param("status", response.status())
        .param("headers", mapper.writeValueAsString(response.headers()))
        .param("body", response.body())
        .update();
  }

  /** Forgets answers older than 24 hours. */
  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT15M")
  void expire() {
    try {
      int deleted =
          jdbc.sql("delete from idempotency_record where created_at <= now() - interval '24 hours'")
              .update();
      if (deleted > 0) {
        log.info("Forgot {} idempotent answers older than 24 hours", deleted);
      }
    } catch (RuntimeException e) {
      log.warn("Could not expire idempotent answers: {}", e.toString());
    }
  }
}
