package com.leadgencrm.opportunities.webhook;

import com.leadgencrm.opportunities.core.ETags;
import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.InputRules;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.core.Versioned;
import com.leadgencrm.opportunities.event.EventFeed;
import com.leadgencrm.opportunities.event.EventLog;
import com.leadgencrm.opportunities.event.EventProperties;
import com.leadgencrm.opportunities.event.FeedCursorExpired;
import com.leadgencrm.opportunities.query.Cursor;
import com.leadgencrm.opportunities.query.Cursors;
import com.leadgencrm.opportunities.query.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Webhook endpoints: their settings, secrets, deliveries and replays. */
@Service
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class WebhookService {

  private final Cursors cursors;

  private static final Set<String> STATUSES = Set.of("pending", "succeeded", "failed");

  private final WebhookRepository webhooks;
  private final DeliveryRepository deliveries;
  private final EventLog feed;
  private final EventProperties events;
  private final WebhookProperties properties;
  private final WebhookDispatcher dispatcher;
  private final Clock clock;
  private final WebhookInputs inputs;
  private final InputRules rules;
  private final TransactionTemplate transactions;

  /** How often a deletion that lost a deadlock to a delivery attempt runs (see {@link #delete}). */
  private static final int DELETE_ATTEMPTS = 3;

  WebhookService(
      WebhookRepository webhooks,
      DeliveryRepository deliveries,
      EventLog feed,
      EventProperties events,
      WebhookProperties properties,
      WebhookDispatcher dispatcher,
      Clock clock,
      WebhookInputs inputs,
      InputRules rules,
      Cursors cursors,
      PlatformTransactionManager transactions) {
    this.cursors = cursors;
    this.transactions = new TransactionTemplate(transactions);
    this.inputs = inputs;
    this.rules = rules;
    this.webhooks = webhooks;
    this.deliveries = deliveries;
    this.feed = feed;
    this.events = events;
    this.properties = properties;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  @Requires(Permission.MANAGE_WEBHOOKS)
  public Page<WebhookView> list(@Nullable Integer limit, @Nullable String cursorText) {
    int size = limit(limit);
    long after = 0;
    if (cursorText != null) {
      Cursor cursor = cursors.decode(cursorText);
      if (!cursor.value().equals("webhooks")) {
        throw new InvalidInput("cursor", "belongs to another list");
      }
      after = cursor.id();
    }
    List<Webhook> page = webhooks.page(after, size + 1);
    List<WebhookView> items = page.stream().limit(size).map(Webhook::view).toList();
    return new Page<>(
        items,
        page.size() > size
            ? cursors.encode(new Cursor("id", false, "webhooks", items.get(size - 1).id(), ""))
            : null);
  }

  @Requires(Permission.MANAGE_WEBHOOKS)
  public Versioned<WebhookView> get(long id) {
    return versioned(find(id));
  }

  /** A new endpoint: it receives the events committed from now on. Its secret is shown once. */
  @Transactional
  @Requires(Permission.MANAGE_WEBHOOKS)
  public Versioned<WebhookWithSecret> create(Submitted<WebhookInput> submitted) {
    WebhookInput input = inputs.valid(submitted);
    Webhook created =
        webhooks.insert(
            input.url(),
            input.types(),
            input.description(),
            input.isActive() == null || input.isActive(),
            Signatures.newSecret(),
            feed.head(),
            clock.instant());
    // the events committed from now on are its work: the dispatcher looks for it at once
    wakeDispatcherAfterCommit();
    return new Versioned<>(
        new WebhookWithSecret(created.view(), created.secret()), ETags.of(created.version()));
  }

  /** Applies a merge patch to the writable properties. */
  @Transactional
  @Requires(Permission.MANAGE_WEBHOOKS)
  public Versioned<WebhookView> update(long id, Submitted<WebhookInput> patch, IfMatch ifMatch) {
    Webhook current = lock(id, ifMatch);
    WebhookInput input =
        inputs.validPatch(
            patch,
            new WebhookInput(
                current.url(), current.types(), current.description(), current.isActive()));
    Webhook updated =
        webhooks.update(
            current,
            input.url(),
            input.types(),
            input.description(),
            input.isActive() == null || input.isActive(),
            clock.instant());
    wakeDispatcherAfterCommit();
    return versioned(updated);
  }

  /**
   * Deletes the webhook and its deliveries. A dispatcher finishing an attempt of this webhook at
   * that moment locks its rows in the other order (the delivery, then the webhook), and PostgreSQL
   * breaks such a deadlock by failing one of the two transactions: when it is this one, it runs
   * again (the attempt has committed by then), so a client never sees the clash.
   */
  @Requires(Permission.MANAGE_WEBHOOKS)
  public void delete(long id, IfMatch ifMatch) {
    for (int attempt = 1; ; attempt++) {
      try {
        transactions.executeWithoutResult(
            status -> {
              lock(id, ifMatch);
              webhooks.delete(id);
            });
        return;
      } catch (PessimisticLockingFailureException e) {
        if (attempt == DELETE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * A new secret, shown this once; for 24 hours deliveries carry a signature with each secret, so
   * the receiver can switch at its pace.
   */
  @Transactional
  @Requires(Permission.MANAGE_WEBHOOKS)
  public Versioned<WebhookWithSecret> rotateSecret(long id) {
    lock(id, IfMatch.NONE);
    Instant now = clock.instant();
    Webhook rotated =
        webhooks.rotate(id, Signatures.newSecret(), now.plus(properties.secretOverlap()), now);
    return new Versioned<>(
        new WebhookWithSecret(rotated.view(), rotated.secret()), ETags.of(rotated.version()));
  }

  /**
   * Sends the endpoint's events after this id again (those it subscribes to, within the feed's
   * retention), whatever became of them before.
   *
   * @throws FeedCursorExpired when events after {@code after} are past the feed's retention
   */
  @Transactional
  @Requires(Permission.MANAGE_WEBHOOKS)
  public ReplayView replay(long id, Submitted<ReplayInput> submitted) {
    long after = java.util.Objects.requireNonNull(rules.valid(submitted).after());
    lock(id, IfMatch.NONE);
    long start = feed.start();
    if (after < start) {
      throw new FeedCursorExpired(start, events.retentionDays());
    }
    webhooks.rewind(id, after);
    wakeDispatcherAfterCommit();
    return new ReplayView(id, after);
  }

  /** The endpoint's deliveries, newest first, each with its attempts. */
  @Requires(Permission.MANAGE_WEBHOOKS)
  public Page<DeliveryView> deliveries(
      long id, @Nullable String status, @Nullable Integer limit, @Nullable String cursorText) {
    find(id);
    if (status != null && !STATUSES.contains(status)) {
      throw new InvalidInput("status", "must be pending, succeeded or failed");
    }
    int size = limit(limit);
    String filters = "webhook/" + id + "/" + status;
    long before = Long.MAX_VALUE;
    if (cursorText != null) {
      Cursor cursor = cursors.decode(cursorText);
      if (!cursor.value().equals("deliveries") || !cursor.filters().equals(filters)) {
        throw new InvalidInput(
            "cursor", "belongs to another query; repeat the filters of the first page");
      }
      before = cursor.id();
    }
    List<DeliveryView> page = deliveries.page(id, before, status, size + 1);
    List<DeliveryView> items = page.stream().limit(size).toList();
    return new Page<>(
        items,
        page.size() > size
            ? cursors.encode(
                new Cursor("id", true, "deliveries", items.get(size - 1).id(), filters))
            : null);
  }

  private Webhook find(long id) {
    return webhooks.find(id).orElseThrow(() -> new WebhookNotFound(id));
  }

  private Webhook lock(long id, IfMatch ifMatch) {
    Webhook webhook = webhooks.lock(id).orElseThrow(() -> new WebhookNotFound(id));
    ifMatch.check(ETags.of(webhook.version()));
    return webhook;
  }

  private void wakeDispatcherAfterCommit() {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            dispatcher.wakeUp();
          }
        });
  }

  private static Versioned<WebhookView> versioned(Webhook webhook) {
    return new Versioned<>(webhook.view(), ETags.of(webhook.version()));
  }

  private static int limit(@Nullable Integer limit) {
    if (limit == null) {
      return EventFeed.DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > EventFeed.MAX_LIMIT) {
      throw new InvalidInput("limit", "must be between 1 and " + EventFeed.MAX_LIMIT);
    }
    return limit;
  }
}
