package com.leadgencrm.opportunities.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The typescript-fetch client generated from the service's document compiles with {@code tsc
 * --strict}, together with {@code src/it/node/client-usage.ts}, which uses it as an integrator
 * would (typed custom fields, several owners, clearing with null).
 */
class TypeScriptClientIT {

  static final Path CLIENT =
      Path.of(System.getProperty("contract.clients", "target/generated-clients"), "typescript")
          .toAbsolutePath();

  @Test
  void theGeneratedTypeScriptClientCompilesStrictly() throws Exception {
    assertThat(CLIENT.resolve("index.ts")).exists();
    Files.writeString(
        NodeTools.HOME.resolve("generated-client.ts"),
        "// written by TypeScriptClientIT: the generated client under test\n"
            + "export * from '"
            + NodeTools.HOME.relativize(CLIENT.resolve("index")).toString().replace('\\', '/')
            + "';\n");
    NodeTools.Run tsc =
        NodeTools.node(
            Duration.ofMinutes(3), "node_modules/typescript/bin/tsc", "-p", "tsconfig.json");
    assertThat(tsc.exitCode()).as(tsc.output()).isZero();
  }
}
