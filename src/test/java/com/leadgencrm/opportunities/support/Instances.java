package com.leadgencrm.opportunities.support;

import com.leadgencrm.opportunities.OpportunitiesApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Instances of the service a test starts itself, beside (or instead of) the shared context. */
public final class Instances {

  private Instances() {}

  /**
   * Starts the service with these command-line arguments (they win over application.yml). The
   * application is named as the main class too: the process's own is the test runner's, and with
   * {@code -Dspring.aot.enabled=true} Spring runs the main class's ahead-of-time initializer.
   */
  public static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(OpportunitiesApplication.class)
        .main(OpportunitiesApplication.class)
        .run(args);
  }
}
