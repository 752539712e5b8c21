package com.leadgencrm.opportunities.opportunity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the pipeline's rollup (table {@code opportunity_rollup}, V76) small: every write appends
 * its deltas there, and every few seconds this folds them into one row per group, in one
 * transaction, so that the summary of the whole pipeline sums a few hundred rows whatever the
 * stream of writes. One instance at a time folds (a transaction advisory lock); a fold that finds
 * nothing to fold writes nothing.
 */
@Component
class OpportunityRollup {

  private static final Logger log = LoggerFactory.getLogger(OpportunityRollup.class);

  private static final String LOCK = "hashtext('crm.opportunity_rollup')";

  private static final String GROUP = "pipeline_id, deal_stage_id, currency, is_closed, is_won";

  /** Whether any group has more than one row. */
  private static final String FOLDABLE =
      "select count(*) > count(distinct (" + GROUP + ")) from opportunity_rollup";

  /**
   * The rows this transaction sees, replaced by their sum per group; rows appended meanwhile by
   * writes still in flight are left for the next fold. Groups that add up to nothing go.
   */
  private static final String FOLD =
      """
      with folded as (delete from opportunity_rollup returning *)
      insert into opportunity_rollup (%1$s, count, amount, weighted)
      select %1$s, sum(count), sum(amount), sum(weighted)
        from folded
       group by %1$s
      having sum(count) <> 0 or sum(amount) <> 0 or sum(weighted) <> 0"""
          .formatted(GROUP);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  OpportunityRollup(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Scheduled(initialDelayString = "PT5S", fixedDelayString = "PT5S")
  void background() {
    try {
      fold();
    } catch (RuntimeException e) {
      log.warn("Could not fold the pipeline's rollup: {}", e.toString());
    }
  }

  /** Folds the rollup's deltas unless another instance is at it; true when it folded any. */
  boolean fold() {
    return Boolean.TRUE.equals(
        transactions.execute(
            status ->
                jdbc.sql(FOLDABLE).query(Boolean.class).single()
                    && jdbc.sql("select pg_try_advisory_xact_lock(" + LOCK + ")")
                        .query(Boolean.class)
                        .single()
                    && jdbc.sql(FOLD).update() >= 0));
  }
}
