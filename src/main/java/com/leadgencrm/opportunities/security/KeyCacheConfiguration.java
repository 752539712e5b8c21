package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.field.FieldCatalog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The key cache and the listener that keeps it true ({@code crm.security.key-cache}). */
@Configuration(proxyBeanMethods = false)
class KeyCacheConfiguration {

  @Bean
  KeyCache keyCache(SecurityProperties properties) {
    return new KeyCache(properties.keyCache(), properties.keyCacheMaxStaleness());
  }

  /** On a connection of its own, with the pool's URL and credentials. */
  @Bean
  CacheListener cacheListener(
      DataSourceProperties dataSource,
      SecurityProperties properties,
      KeyCache keys,
      FieldCatalog fields) {
    return new CacheListener(
        dataSource.determineUrl(),
        dataSource.determineUsername(),
        dataSource.determinePassword(),
        keys,
        fields,
        properties.keyCacheMaxStaleness());
  }

  /** Whether the cache is trusted now, its size, and where key checks were answered. */
  @Bean
  MeterBinder keyCacheMetrics(KeyCache keys) {
    return registry -> {
      Gauge.builder("crm.key.cache.trusted", keys, cache -> cache.trusted() ? 1 : 0)
          .register(registry);
      Gauge.builder("crm.key.cache.size", keys, KeyCache::size).register(registry);
      FunctionCounter.builder("crm.key.checks", keys, KeyCache::answered)
          .tag("answered", "cache")
          .register(registry);
      FunctionCounter.builder("crm.key.checks", keys, KeyCache::missed)
          .tag("answered", "database")
          .register(registry);
    };
  }
}
