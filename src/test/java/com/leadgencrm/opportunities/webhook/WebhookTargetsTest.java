package com.leadgencrm.opportunities.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where webhooks may send: public https targets only, unless private networks are allowed. */
class WebhookTargetsTest {

  final WebhookTargets production = new WebhookTargets(false);
  final WebhookTargets development = new WebhookTargets(true);

  @Test
  void acceptsAnHttpsUrlOfAPublicAddress() {
    assertThat(production.problem("https://93.184.216.34/hooks/crm?x=1")).isNull();
    assertThat(production.problem("https://[2606:2800:220:1:248:1893:25c8:1946]/hook")).isNull();
  }

  @Test
  void refusesOtherSchemesRelativeUrlsAndCredentials() {
    assertThat(production.problem("http://93.184.216.34/hook")).isEqualTo("must be an https URL");
    assertThat(production.problem("ftp://93.184.216.34/hook")).isEqualTo("must be an https URL");
    assertThat(production.problem("/hook")).contains("absolute");
    assertThat(production.problem("https://93.184.216.34/hook#x")).contains("fragment");
    assertThat(production.problem("https://user:pw@93.184.216.34/hook"))
        .isEqualTo("must not carry credentials");
    assertThat(production.problem("https://exa mple.com/")).contains("absolute");
  }

  @Test
  void refusesLoopbackPrivateLinkLocalMetadataAndReservedAddresses() {
    assertThat(production.problem("https://127.0.0.1/hook")).contains("loopback");
    assertThat(production.problem("https://localhost:8080/hook")).contains("loopback");
    assertThat(production.problem("https://[::1]/hook")).contains("loopback");
    assertThat(production.problem("https://10.1.2.3/hook")).contains("private");
    assertThat(production.problem("https://172.16.0.1/hook")).contains("private");
    assertThat(production.problem("https://192.168.1.1/hook")).contains("private");
    assertThat(production.problem("https://169.254.169.254/latest/meta-data"))
        .contains("link-local");
    assertThat(production.problem("https://[fe80::1]/hook")).contains("link-local");
    assertThat(production.problem("https://[fd00:ec2::254]/hook")).contains("unique local");
    assertThat(production.problem("https://100.100.100.200/hook")).contains("shared");
    assertThat(production.problem("https://0.0.0.0/hook")).contains("unspecified");
    assertThat(production.problem("https://[::ffff:127.0.0.1]/hook")).contains("loopback");
    assertThat(production.problem("https://[64:ff9b::a00:1]/hook")).contains("IPv4-embedding");
    assertThat(production.problem("https://224.0.0.1/hook")).contains("multicast");
  }

  @Test
  void developmentMayUseHttpAndThisMachine() {
    assertThat(development.problem("http://127.0.0.1:8080/hook")).isNull();
    assertThat(development.problem("https://localhost/hook")).isNull();
    assertThat(development.problem("ftp://127.0.0.1/hook")).isEqualTo("must be an https URL");
  }
}
