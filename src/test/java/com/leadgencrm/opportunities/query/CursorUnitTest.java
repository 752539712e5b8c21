package com.leadgencrm.opportunities.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.support.OnManyThreads;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the previous page ended, opaque to clients: base64url of a small JSON object, a dot, and
 * base64url of its HMAC-SHA256 under the service's secret.
 */
class CursorUnitTest {

  static final Cursors CURSORS = new Cursors(() -> new byte[32]);

  /** {"sort":"weight","desc":true,"value":"3","id":8,"filters":"1a2b"}, base64url, unpadded. */
  static final String WEIGHT_DESC_AFTER_8 =
      "eyJzb3J0Ijoid2VpZ2h0IiwiZGVzYyI6dHJ1ZSwidmFsdWUiOiIzIiwiaWQiOjgsImZpbHRlcnMiOiIxYTJiIn0";

  @Test
  void encodesAsBase64urlOfItsJsonAndItsSignature() {
    String text = CURSORS.encode(new Cursor("weight", true, "3", 8, "1a2b"));
    assertThat(text).startsWith(WEIGHT_DESC_AFTER_8 + ".").matches("[A-Za-z0-9_.-]+");
  }

  @Test
  void itsSignatureIsTheHmacSha256OfItsFirstPartUnderTheSecret() throws Exception {
    String text = CURSORS.encode(new Cursor("weight", true, "3", 8, "1a2b"));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
    byte[] expected = mac.doFinal(WEIGHT_DESC_AFTER_8.getBytes(StandardCharsets.US_ASCII));
    assertThat(text)
        .isEqualTo(
            WEIGHT_DESC_AFTER_8
                + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(expected));
  }

  @Test
  void cursorsSignedAtOnceOnManyThreadsAreThoseSignedOneByOne() throws Exception {
    Cursors cursors = new Cursors(() -> new byte[] {4, 5, 6});
    List<Cursor> pages =
        IntStream.range(0, 2_000)
            .mapToObj(i -> new Cursor("id", i % 2 == 0, "" + i, i, "f"))
            .toList();
    List<String> alone = pages.stream().map(cursors::encode).toList();
    assertThat(OnManyThreads.map(pages, cursors::encode)).isEqualTo(alone);
    assertThat(OnManyThreads.map(alone, cursors::decode)).isEqualTo(pages);
  }

  @Test
  void decodesWhatItEncoded() {
    Cursor weight = new Cursor("weight", true, "3", 8, "1a2b");
    assertThat(CURSORS.decode(CURSORS.encode(weight))).isEqualTo(weight);
    Cursor text = new Cursor("dealStageName", false, "Ünïcödé, \"quoted\"", 12, "0");
    assertThat(CURSORS.decode(CURSORS.encode(text))).isEqualTo(text);
  }

  @Test
  void aCursorSignedWithAnotherSecretOrEditedIsRefused() {
    Cursors other = new Cursors(() -> new byte[] {1, 2, 3});
    String foreign = other.encode(new Cursor("weight", true, "3", 8, "1a2b"));
    assertNotIssued(foreign);
    String mine = CURSORS.encode(new Cursor("amount", false, "1e-99999999", 8, "1a2b"));
    String edited = mine.replaceFirst("^[^.]+", WEIGHT_DESC_AFTER_8);
    assertNotIssued(edited);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not a cursor", "e30", WEIGHT_DESC_AFTER_8, "", "."})
  void anythingElseIsNotACursorIssuedByThisService(String text) {
    assertNotIssued(text);
  }

  static void assertNotIssued(String text) {
    assertThatThrownBy(() -> CURSORS.decode(text))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            refused ->
                assertThat(refused.errors())
                    .containsExactly(
                        new InvalidField("cursor", "is not a cursor issued by this service")));
  }
}
