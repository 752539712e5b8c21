package com.leadgencrm.opportunities.core;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Secrets shared by every instance of the service, kept in the database ({@code server_secret}):
 * what one instance signs, another verifies. A secret is generated the first time any instance asks
 * for it, race-safe: every instance inserts a random candidate with {@code on conflict do nothing}
 * and then reads the one that won. Read once per instance, then held in memory.
 */
@Component
public class ServerSecrets {

  private static final int BYTES = 32;

  private final JdbcClient jdbc;
  private final TransactionTemplate separate;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();

  ServerSecrets(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    // a transaction of its own: the first use may come inside a read-only one
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * The secret of that name (256 random bits), generated on first use. Fails while the database is
   * unavailable, and succeeds on the next call once it is back.
   *
   * @param name {@code [a-z][a-z0-9_]*}, one per purpose
   */
  public byte[] get(String name) {
    return secrets.computeIfAbsent(name, this::load).clone();
  }

  private byte[] load(String name) {
    byte[] candidate = new byte[BYTES];
    random.nextBytes(candidate);
    return separate.execute(
        status -> {
          jdbc.sql(
                  "insert into server_secret (name, secret) values (:name, :secret)"
                      + " on conflict do nothing")
              .param("name", name)
              .param("secret", candidate)
              .update();
          return jdbc.sql("select secret from server_secret where name = :name")
              .param("name", name)
              .query(byte[].class)
              .single();
        });
  }
}
