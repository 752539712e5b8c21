package com.leadgencrm.opportunities.core;

import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

/** How transactions nest. */
@Configuration(proxyBeanMethods = false)
class TransactionConfiguration {

  /**
   * Batches run each item in a savepoint of one transaction (nested transactions). A failing
   * participant does not doom the whole transaction by itself: the transaction's owner (a batch, an
   * idempotent request) decides whether it rolls back; PostgreSQL still refuses to commit a
   * transaction in which a statement failed outside a rolled-back savepoint.
   */
  @Bean
  TransactionManagerCustomizer<AbstractPlatformTransactionManager> nestedTransactions() {
    return manager -> {
      manager.setNestedTransactionAllowed(true);
      manager.setGlobalRollbackOnParticipationFailure(false);
    };
  }
}
