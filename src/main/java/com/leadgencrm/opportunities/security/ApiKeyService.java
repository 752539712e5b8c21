package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.Digests;
import com.leadgencrm.opportunities.core.InputRules;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.field.FieldCatalog;
import com.leadgencrm.opportunities.query.Page;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys. A secret is 256 random bits, shown once; only its SHA-256 hash is stored. (Slow
 * password hashes such as bcrypt exist to protect low-entropy passwords; a random 256-bit secret
 * needs none, and a fast hash keeps the check of every request cheap.) Verified keys are kept in
 * the {@link KeyCache}, so a request's key check usually costs no database round trip.
 */
@Service
public class ApiKeyService {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String COLUMNS =
      "key_id, user_id, role, name, rate_limit_per_second, revoked_timestamp, create_timestamp, update_timestamp";

  /** What authentication learns of a valid key. */
  public record Verified(Caller caller, @Nullable Integer rateLimitPerSecond) {}

  private final JdbcClient jdbc;
  private final InputRules rules;
  private final KeyCache cache;
  private final FieldCatalog catalog;

  ApiKeyService(JdbcClient jdbc, InputRules rules, KeyCache cache, FieldCatalog catalog) {
    this.jdbc = jdbc;
    this.rules = rules;
    this.cache = cache;
    this.catalog = catalog;
  }

  /** Whether a string can be a key id at all: letters, digits, _ and -, 1 to 64 of them. */
  private static boolean isKeyId(@Nullable String keyId) {
    return keyId != null && KEY_ID.matcher(keyId).matches();
  }

  /**
   * The caller a key id and secret stand for; empty for an unknown, wrong or revoked key. This is
   * authentication itself: it runs before there is a caller, so it is the one public service method
   * without {@code @Requires} (ArchitectureTest names it). Like the other reads here (one statement
   * each) it needs no transaction: the interceptor of an empty {@code SUPPORTS} one, which every
   * request paid, made the proxy's work around this method 2.4% of a GET by id's CPU samples (0.5%
   * without it).
   */
  public Optional<Verified> verify(String keyId, String secret) {
    if (!isKeyId(keyId)) {
      // not even the shape of a key id: nothing to look up (and nothing PostgreSQL could compare)
      return Optional.empty();
    }
    byte[] given = hash(secret).getBytes(StandardCharsets.US_ASCII);
    KeyCache.Entry cached = cache.get(keyId);
    if (cached != null) {
      // no round trip: the definitions this request must see at least are the newest known here
      FieldCatalog.observed(catalog.committedVersion());
      return matching(keyId, cached, given);
    }
    long ticket = cache.ticket();
    record Stored(KeyCache.Entry key, boolean revoked, long fieldCatalogVersion) {}
    // the same round trip tells which custom field definitions this request must see at least
    Optional<Stored> stored =
        jdbc.sql(
                "select secret_hash, user_id, role, rate_limit_per_second,"
                    + " revoked_timestamp is not null as revoked, "
                    + FieldCatalog.VERSION_SQL
                    + " as field_catalog_version from api_key where key_id = :id")
            .param("id", keyId)
            .query(
                (rs, n) ->
                    new Stored(
                        new KeyCache.Entry(
                            rs.getString("secret_hash"),
                            rs.getLong("user_id"),
                            Role.valueOf(rs.getString("role")),
                            rs.getObject("rate_limit_per_second", Integer.class)),
                        rs.getBoolean("revoked"),
                        rs.getLong("field_catalog_version")))
            .optional();
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    catalog.committed(stored.get().fieldCatalogVersion());
    FieldCatalog.observed(stored.get().fieldCatalogVersion());
    if (stored.get().revoked()) {
      return Optional.empty();
    }
    KeyCache.Entry key = stored.get().key();
    cache.put(keyId, key, ticket);
    return matching(keyId, key, given);
  }

  private static Optional<Verified> matching(String keyId, KeyCache.Entry key, byte[] given) {
    if (!MessageDigest.isEqual(given, key.secretHash().getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    return Optional.of(
        new Verified(new Caller(keyId, key.userId(), key.role()), key.rateLimitPerSecond()));
  }

  @Transactional
  @Requires(Permission.MANAGE_API_KEYS)
  public CreatedApiKey create(Submitted<ApiKeyInput> submitted) {
    ApiKeyInput input = rules.valid(submitted);
    String keyId = "key_" + random(20);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    jdbc.sql(
            """
            insert into api_key (key_id, secret_hash, user_id, role, name, rate_limit_per_second,
                                 create_timestamp, update_timestamp)
            values (:id, :hash, :user, :role, :name, :rate, :now, :now)""")
        .param("id", keyId)
        .param("hash", hash(secret))
        .param("user", input.userID())
        .param("role", input.role())
        .param("name", input.name())
        .param("rate", input.rateLimitPerSecond())
        .param("now", now)
        .update();
    return new CreatedApiKey(
        keyId,
        secret,
        keyId + "." + secret,
        input.userID(),
        input.role(),
        input.name(),
        input.rateLimitPerSecond(),
        now.toInstant());
  }

  /** Every key, oldest first (a service has few keys: one page). */
  @Requires(Permission.MANAGE_API_KEYS)
  public Page<ApiKeyView> list(@Nullable Long userId, @Nullable String role) {
    return new Page<>(
        jdbc.sql(
                "select "
                    + COLUMNS
                    + " from api_key where (cast(:user as bigint) is null or user_id = :user)"
                    + " and (cast(:role as varchar) is null or role = :role) order by seq")
            .param("user", userId, java.sql.Types.BIGINT)
            .param("role", role, java.sql.Types.VARCHAR)
            .query((rs, n) -> view(rs))
            .list(),
        null);
  }

  @Requires(Permission.MANAGE_API_KEYS)
  public ApiKeyView get(String keyId) {
    return find(keyId).orElseThrow(() -> new ApiKeyNotFound(keyId));
  }

  /** Revokes a key: it authenticates nothing from this moment, on every instance. */
  @Transactional
  @Requires(Permission.MANAGE_API_KEYS)
  public void revoke(String keyId) {
    find(keyId).orElseThrow(() -> new ApiKeyNotFound(keyId));
    jdbc.sql(
            "update api_key set revoked_timestamp = now(), update_timestamp = now()"
                + " where key_id = :id and revoked_timestamp is null")
        .param("id", keyId)
        .update();
    // this instance refuses the key as soon as the revocation commits; the others when notified
    cache.invalidateAfterCommit(keyId);
  }

  /**
   * At start-up: makes sure the configured bootstrap Administrator key exists (and works), or, when
   * none is configured and no key exists at all, generates one and logs its token once.
   */
  @Transactional
  @Requires(Permission.MANAGE_API_KEYS)
  public void bootstrap(@Nullable String token, long userId) {
    // one instance at a time, so that two instances starting together do not both generate a key
    jdbc.sql("select pg_advisory_xact_lock(hashtext('crm.api_key.bootstrap'))").query().singleRow();
    if (token != null && !token.isBlank()) {
      int dot = token.indexOf('.');
      String keyId = dot > 0 ? token.substring(0, dot) : "";
      String secret = dot > 0 ? token.substring(dot + 1) : "";
      if (!isKeyId(keyId) || secret.length() < 16) {
        throw new IllegalStateException(
            "CRM_BOOTSTRAP_KEY must be <keyId>.<secret>: a key id of letters, digits,"
                + " _ and - (at most 64), and a secret of at least 16 characters");
      }
      jdbc.sql(
              """
              insert into api_key (key_id, secret_hash, user_id, role, name)
              values (:id, :hash, :user, 'ADMINISTRATOR', 'bootstrap (CRM_BOOTSTRAP_KEY)')
              on conflict (key_id) do update
                set secret_hash = excluded.secret_hash, user_id = excluded.user_id, role = 'ADMINISTRATOR',
                    revoked_timestamp = null, update_timestamp = now()""")
          .param("id", keyId)
          .param("hash", hash(secret))
          .param("user", userId)
          .update();
      cache.invalidateAfterCommit(keyId);
      log.info("Bootstrap Administrator key {} is ready (from CRM_BOOTSTRAP_KEY)", keyId);
      return;
    }
    long keys = jdbc.sql("select count(*) from api_key").query(Long.class).single();
    if (keys == 0) {
      String keyId = "key_" + random(20);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
      jdbc.sql(
              "insert into api_key (key_id, secret_hash, user_id, role, name)"
                  + " values (:id, :hash, :user, 'ADMINISTRATOR', 'generated at first start')")
          .param("id", keyId)
          .param("hash", hash(secret))
          .param("user", userId)
          .update();
      log.warn(
          "No API key existed, so an Administrator key was generated. Its token is shown this once;"
              + " send it as 'Authorization: Bearer <token>': {}.{}",
          keyId,
          secret);
    }
  }

  private Optional<ApiKeyView> find(String keyId) {
    return jdbc.sql("select " + COLUMNS + " from api_key where key_id = :id")
        .param("id", keyId)
        .query((rs, n) -> view(rs))
        .optional();
  }

  private static ApiKeyView view(ResultSet rs) throws SQLException {
    OffsetDateTime revoked = rs.getObject("revoked_timestamp", OffsetDateTime.class);
    return new ApiKeyView(
        rs.getString("key_id"),
        rs.getLong("user_id"),
        rs.getString("role"),
        rs.getString("name"),
        rs.getObject("rate_limit_per_second", Integer.class),
        revoked != null,
        revoked == null ? null : revoked.toInstant(),
        instant(rs, "create_timestamp"),
        instant(rs, "update_timestamp"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  static String hash(String secret) {
    return HexFormat.of()
        .formatHex(Digests.sha256().digest(secret.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String random(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
