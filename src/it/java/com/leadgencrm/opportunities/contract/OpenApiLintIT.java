package com.leadgencrm.opportunities.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Redocly CLI's recommended ruleset finds nothing in the service's document: no error, and no
 * warning beyond those {@code src/it/node/redocly.yaml} turns off with the reason.
 */
class OpenApiLintIT {

  @Test
  void redoclyFindsNoProblem() throws Exception {
    Path document =
        Path.of(System.getProperty("contract.document", "target/openapi/opportunities.json"))
            .toAbsolutePath();
    assertThat(document).exists();
    NodeTools.Run lint =
        NodeTools.node(
            Duration.ofMinutes(3),
            "node_modules/@redocly/cli/bin/cli.js",
            "lint",
            "--config",
            "redocly.yaml",
            "--max-problems",
            "1000",
            document.toString());
    assertThat(lint.exitCode()).as(lint.output()).isZero();
    assertThat(lint.output())
        .as(lint.output())
        .contains("Your API description is valid")
        .doesNotContainPattern("You have \\d+ warnings?");
  }
}
