package com.leadgencrm.opportunities.limits;

import com.leadgencrm.opportunities.core.HeavyRead;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * The service's bounds on work: the statement time limit of every connection of the pool, the
 * heavy-read bulkhead in front of {@link HeavyRead} methods, and the limit of requests in flight
 * (applied by the security filter chains, before a request touches the database).
 */
@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

  /** The bulkhead of {@link HeavyRead} methods. */
  @Bean
  Bulkhead heavyReads(LimitsProperties limits) {
    return new Bulkhead(
        "heavy reads",
        "Too many lists and searches are running or waiting",
        limits.heavyReads(),
        limits.heavyReadQueue(),
        limits.heavyReadWait());
  }

  /**
   * Windows of large values held while their clients read them (wire reads, CSV exports): waiting
   * as heavy reads do, answered 503 beyond.
   */
  @Bean
  Bulkhead largeReads(LimitsProperties limits) {
    return new Bulkhead(
        "large reads",
        "Too many reads of large custom values are being sent",
        limits.largeReads(),
        limits.heavyReadQueue(),
        limits.heavyReadWait());
  }

  /** Requests in the service at once: answered 503 beyond, never queued. */
  @Bean
  Bulkhead requestsInFlight(LimitsProperties limits) {
    return new Bulkhead(
        "requests in flight",
        "The service is at its limit of requests in flight",
        limits.maxInFlight(),
        0,
        java.time.Duration.ZERO);
  }

  /**
   * Runs {@link HeavyRead} methods within the heavy-read bulkhead: after the permission check (a
   * caller who may not call the method takes no permit), before the transaction (a caller waiting
   * for its turn holds no connection).
   */
  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static Advisor heavyReadBulkhead(@Qualifier("heavyReads") ObjectProvider<Bulkhead> heavyReads) {
    MethodInterceptor withinBulkhead =
        invocation -> {
          try (Bulkhead.Permit permit = heavyReads.getObject().enter()) {
            return invocation.proceed();
          }
        };
    DefaultPointcutAdvisor advisor =
        new DefaultPointcutAdvisor(
            AnnotationMatchingPointcut.forMethodAnnotation(HeavyRead.class), withinBulkhead);
    // @Requires checks run first (Integer.MIN_VALUE), transactions last (LOWEST_PRECEDENCE)
    advisor.setOrder(0);
    return advisor;
  }

  /**
   * Every connection of the pool starts with the statement time limit as its session default
   * (PostgreSQL's {@code statement_timeout}, given at connection start, so that a {@code RESET}
   * keeps it): no statement of a request runs longer, whatever it waits for. They also start with
   * PostgreSQL's JIT compilation off: the pipeline reads (summary, waterfall) cost enough to cross
   * its thresholds, and compiling took longer than it saved (the waterfall over the bench's
   * 1,000,000 opportunities: 2.5 s of JIT in 3.5 s; BENCHMARKS.md, fifth round).
   */
  @Bean
  static BeanPostProcessor statementTimeout(Environment environment) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        // after the spring.datasource.hikari.* properties are bound, before the pool starts
        if (bean instanceof HikariDataSource pool) {
          long millis =
              Binder.get(environment)
                  .bindOrCreate("crm.limits", LimitsProperties.class)
                  .statementTimeout()
                  .toMillis();
          String options = pool.getDataSourceProperties().getProperty("options");
          pool.addDataSourceProperty(
              "options",
              (options == null || options.isBlank() ? "" : options + " ")
                  + "-c statement_timeout="
                  + millis
                  + " -c jit=off");
        }
        return bean;
      }
    };
  }

  /**
   * Migrations run on connections of their own, without the time limit of requests: building an
   * index on a large table takes longer than any request may.
   */
  @Bean
  FlywayConfigurationCustomizer migrationsWithoutStatementTimeout(
      DataSourceProperties dataSource, FlywayProperties flyway) {
    return configuration -> {
      if (flyway.getUrl() == null && flyway.getUser() == null) {
        configuration.dataSource(
            dataSource.determineUrl(),
            dataSource.determineUsername(),
            dataSource.determinePassword());
      }
    };
  }

  /** Each bulkhead's running, waiting and refused work, in the metrics. */
  @Bean
  MeterBinder bulkheadMetrics(List<Bulkhead> bulkheads) {
    return registry -> {
      for (Bulkhead bulkhead : bulkheads) {
        Gauge.builder("crm.bulkhead.running", bulkhead, Bulkhead::running)
            .tag("bulkhead", bulkhead.name())
            .register(registry);
        Gauge.builder("crm.bulkhead.waiting", bulkhead, Bulkhead::waiting)
            .tag("bulkhead", bulkhead.name())
            .register(registry);
        FunctionCounter.builder("crm.bulkhead.refused", bulkhead, Bulkhead::refused)
            .tag("bulkhead", bulkhead.name())
            .register(registry);
      }
    };
  }
}
