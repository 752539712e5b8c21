package com.leadgencrm.opportunities.support;

import com.leadgencrm.opportunities.OpportunitiesApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Instances of the service a test starts itself, beside (or instead of) the shared context. */
public final class Instances {

  private Instances() {}

  /**
   * Starts the service on a free port against this database, with the tests' Administrator key
   * ({@link Api#ADMIN_TOKEN}), no rate limits (a setting here must not repeat them) and these
   * settings, as command-line arguments ({@code --name=value}: they win over application.yml). The
   * application is named as the main class too: the process's own is the test runner's, and with
   * {@code -Dspring.aot.enabled=true} Spring runs the main class's ahead-of-time initializer.
   */
  public static ConfigurableApplicationContext start(
      TestDatabase.Target database, String... settings) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--crm.security.bootstrap-key=" + Api.ADMIN_TOKEN,
                // as the shared context (IntegrationTest): tests count answers, not tokens
                "--crm.security.rate-limit-per-second=1000000",
                "--crm.security.rate-limit-burst=1000000"));
    arguments.addAll(List.of(settings));
    return new SpringApplicationBuilder(OpportunitiesApplication.class)
        .main(OpportunitiesApplication.class)
        .run(arguments.toArray(String[]::new));
  }
}
