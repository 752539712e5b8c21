package com.leadgencrm.opportunities.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node.js tools of the contract tests ({@code src/it/node}): installed with {@code npm ci} when
 * their lock file changed since the last install (kept across {@code mvn clean}), then run as
 * processes whose output goes to the test's log.
 */
final class NodeTools {

  private NodeTools() {}

  static final Path HOME = Path.of("src/it/node").toAbsolutePath();

  /** What a tool said, and how it ended. */
  record Run(int exitCode, String output) {}

  /** Makes sure {@code node_modules} holds what package-lock.json says. */
  static synchronized void install() throws IOException, InterruptedException {
    Path stamp = HOME.resolve("node_modules/.installed-lock-sha256");
    String lock = sha256(Files.readAllBytes(HOME.resolve("package-lock.json")));
    if (Files.exists(stamp) && Files.readString(stamp).equals(lock)) {
      return;
    }
    Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), HOME, Duration.ofMinutes(5));
    if (install.exitCode() != 0) {
      throw new IllegalStateException("npm ci failed in " + HOME + ":\n" + install.output());
    }
    Files.writeString(stamp, lock);
  }

  /** Runs {@code node} with the arguments, in the Node.js project's directory. */
  static Run node(Duration timeout, String... arguments) throws IOException, InterruptedException {
    install();
    List<String> command = new ArrayList<>();
    command.add("node");
    command.addAll(List.of(arguments));
    return run(command, HOME, timeout);
  }

  static Run run(List<String> command, Path directory, Duration timeout)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("node-tool", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return new Run(-1, Files.readString(log) + "\n(killed after " + timeout + ")");
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      System.out.println(String.join(" ", command) + "\n" + output);
      return new Run(process.exitValue(), output);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
