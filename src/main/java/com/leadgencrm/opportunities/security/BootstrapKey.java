package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.core.Caller;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes sure someone can call the service after its first start. */
@Configuration(proxyBeanMethods = false)
class BootstrapKey {

  @Bean
  ApplicationRunner bootstrapKeyRunner(ApiKeyService keys, SecurityProperties properties) {
    return args ->
        Caller.runAsSystem(
            () -> {
              keys.bootstrap(properties.bootstrapKey(), properties.bootstrapUserId());
              return null;
            });
  }
}
