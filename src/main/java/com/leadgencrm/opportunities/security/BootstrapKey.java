package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.core.Caller;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Makes sure someone can call the service after its first start. */
@Component
class BootstrapKey implements ApplicationRunner {

  private final ApiKeyService keys;
  private final SecurityProperties properties;

  BootstrapKey(ApiKeyService keys, SecurityProperties properties) {
    this.keys = keys;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    Caller.runAsSystem(
        () -> {
          keys.bootstrap(properties.bootstrapKey(), properties.bootstrapUserId());
          return null;
        });
  }
}
