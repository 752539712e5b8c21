package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.field.FieldCatalog;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Listens on a connection of its own (not the pool's; {@code application_name} {@value
 * #APPLICATION_NAME}) for the changes the database announces on {@value #CHANNEL} (V60), and
 * applies them to the {@link KeyCache} and the {@link FieldCatalog}'s committed version.
 *
 * <p>A heartbeat ({@code select pg_backend_pid()}) every quarter of the cache's maximum staleness
 * confirms the connection is alive and that every change committed before it was sent has been
 * applied (PostgreSQL delivers pending notifications before a statement's answer). When the
 * connection breaks, the cache stops being trusted at once; the listener reconnects (after 0.1 s,
 * then up to every 2 s) and trusts it again, emptied, once it listens.
 */
final class CacheListener implements SmartLifecycle {

  static final String CHANNEL = "crm_cache";
  static final String APPLICATION_NAME = "crm-cache-listener";

  private static final Logger log = LoggerFactory.getLogger(CacheListener.class);

  private final String url;
  private final Properties connectionProperties = new Properties();
  private final KeyCache keys;
  private final FieldCatalog fields;
  private final int heartbeatMillis;
  private volatile boolean running;
  private volatile @Nullable Thread thread;
  private volatile @Nullable Connection connection;

  CacheListener(
      String url,
      @Nullable String username,
      @Nullable String password,
      KeyCache keys,
      FieldCatalog fields,
      Duration maxStaleness) {
    this.url = url;
    if (username != null) {
      connectionProperties.setProperty("user", username);
    }
    if (password != null) {
      connectionProperties.setProperty("password", password);
    }
    connectionProperties.setProperty("ApplicationName", APPLICATION_NAME);
    connectionProperties.setProperty("connectTimeout", "5");
    // a heartbeat that gets no answer within 10 s ends the connection (it is untrusted long before)
    connectionProperties.setProperty("socketTimeout", "10");
    connectionProperties.setProperty("tcpKeepAlive", "true");
    this.keys = keys;
    this.fields = fields;
    // at most 200 heartbeats a second, however short the staleness is set
    this.heartbeatMillis = (int) Math.min(60_000, Math.max(5, maxStaleness.toMillis() / 4));
  }

  @Override
  public void start() {
    if (!keys.enabled()) {
      return;
    }
    running = true;
    Thread listener = new Thread(this::run, APPLICATION_NAME);
    listener.setDaemon(true);
    thread = listener;
    listener.start();
  }

  @Override
  public void stop() {
    running = false;
    Thread listener = thread;
    if (listener != null) {
      listener.interrupt();
    }
    closeQuietly(connection);
    if (listener != null) {
      try {
        listener.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    long backoffMillis = 100;
    boolean wasListening = true;
    while (running) {
      try (Connection listening = DriverManager.getConnection(url, connectionProperties)) {
        connection = listening;
        int backend = listen(listening);
        if (!wasListening) {
          log.info("Listening for key and field changes again: the key cache is trusted again");
        }
        wasListening = true;
        backoffMillis = 100;
        heartbeats(listening, backend);
      } catch (SQLException | RuntimeException e) {
        keys.notListening();
        if (running && wasListening) {
          log.warn(
              "Not listening for key and field changes ({}): every key is checked in the"
                  + " database until the listener reconnects",
              e.toString());
        }
        wasListening = false;
      } finally {
        keys.notListening();
        connection = null;
      }
      if (running) {
        try {
          Thread.sleep(backoffMillis);
        } catch (InterruptedException e) {
          return;
        }
        backoffMillis = Math.min(2000, backoffMillis * 2);
      }
    }
  }

  private int listen(Connection listening) throws SQLException {
    long sent = System.nanoTime();
    int backend;
    try (Statement statement = listening.createStatement()) {
      // one transaction: the process that listens is the one named (LISTEN counts from its commit)
      listening.setAutoCommit(false);
      statement.execute("listen " + CHANNEL);
      backend = backendOf(statement.executeQuery("select pg_backend_pid()"));
      listening.commit();
      listening.setAutoCommit(true);
      // from here on every change is announced; the version read now includes every earlier one
      try (ResultSet version = statement.executeQuery("select version from crm.field_catalog")) {
        if (version.next()) {
          fields.committed(version.getLong(1));
        }
      }
    }
    apply(listening.unwrap(PGConnection.class).getNotifications());
    keys.listening(sent);
    return backend;
  }

  /**
   * Heartbeats until the connection fails. Each asks which server process answers: another one than
   * the one that listens (a pooler such as PgBouncer in transaction mode between the service and
   * PostgreSQL) would hear no notifications, so the connection is given up (and the cache not
   * trusted) rather than trusted deaf.
   */
  private void heartbeats(Connection listening, int backend) throws SQLException {
    PGConnection notifications = listening.unwrap(PGConnection.class);
    try (PreparedStatement heartbeat = listening.prepareStatement("select pg_backend_pid()")) {
      while (running) {
        long sent = System.nanoTime();
        if (backendOf(heartbeat.executeQuery()) != backend) {
          throw new SQLException(
              "the heartbeat reached another server process than the one listening: connect"
                  + " to PostgreSQL directly or through session pooling, or set"
                  + " CRM_KEY_CACHE=false");
        }
        // what was committed before the heartbeat has arrived with its answer
        apply(notifications.getNotifications());
        keys.confirmed(sent);
        // returns at the first notification, or after the interval
        apply(notifications.getNotifications(heartbeatMillis));
      }
    }
  }

  private void apply(PGNotification @Nullable [] received) {
    if (received == null) {
      return;
    }
    for (PGNotification notification : received) {
      String payload = notification.getParameter();
      if (payload.startsWith("key:")) {
        keys.invalidate(payload.substring("key:".length()));
      } else if (payload.startsWith("fields:")) {
        try {
          fields.committed(Long.parseLong(payload.substring("fields:".length())));
        } catch (NumberFormatException e) {
          keys.invalidateAll();
        }
      } else {
        // 'keys' (a truncate), or anything this version does not know: forget everything
        keys.invalidateAll();
      }
    }
  }

  private static int backendOf(ResultSet result) throws SQLException {
    try (result) {
      result.next();
      return result.getInt(1);
    }
  }

  private static void closeQuietly(@Nullable Connection open) {
    if (open != null) {
      try {
        open.close();
      } catch (SQLException | RuntimeException e) {
        // closing on the way out: nothing to do
      }
    }
  }
}
