package com.leadgencrm.opportunities.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.OnManyThreads;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The stored form of a key's secret: its SHA-256, in lower-case hex. */
class SecretHashUnitTest {

  @Test
  void isTheSecretsSha256InHex() {
    // FIPS 180-2's test vectors
    assertThat(ApiKeyService.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(ApiKeyService.hash(""))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void requestsHashingAtOnceGetEachTheirOwnSecretsHash() throws Exception {
    List<String> secrets =
        IntStream.range(0, 2_000).mapToObj(i -> "secret-" + i + "-\u00e9\ud83d\ude00").toList();
    List<String> alone = secrets.stream().map(ApiKeyService::hash).toList();
    assertThat(OnManyThreads.map(secrets, ApiKeyService::hash)).isEqualTo(alone);
  }
}
