package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.field.FieldCatalog;
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
}
