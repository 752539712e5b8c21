package com.leadgencrm.opportunities.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the previous page ended, opaque to clients: base64url of a small JSON object. */
class CursorUnitTest {

  /** {"sort":"weight","desc":true,"value":"3","id":8,"filters":"1a2b"}, base64url, unpadded. */
  static final String WEIGHT_DESC_AFTER_8 =
      "eyJzb3J0Ijoid2VpZ2h0IiwiZGVzYyI6dHJ1ZSwidmFsdWUiOiIzIiwiaWQiOjgsImZpbHRlcnMiOiIxYTJiIn0";

  @Test
  void encodesAsBase64urlOfItsJson() {
    assertThat(new Cursor("weight", true, "3", 8, "1a2b").encode()).isEqualTo(WEIGHT_DESC_AFTER_8);
  }

  @Test
  void decodesWhatItEncoded() {
    assertThat(Cursor.decode(WEIGHT_DESC_AFTER_8))
        .isEqualTo(new Cursor("weight", true, "3", 8, "1a2b"));
    Cursor text = new Cursor("dealStageName", false, "Ünïcödé, \"quoted\"", 12, "0");
    assertThat(Cursor.decode(text.encode())).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not a cursor",
        "e30", // {}
        // {"sort":"id","desc":false,"value":"1","id":1}: no filters
        "eyJzb3J0IjoiaWQiLCJkZXNjIjpmYWxzZSwidmFsdWUiOiIxIiwiaWQiOjF9",
        // {"sort":"id","desc":false,"value":"x","id":"nope","filters":"0"}
        "eyJzb3J0IjoiaWQiLCJkZXNjIjpmYWxzZSwidmFsdWUiOiJ4IiwiaWQiOiJub3BlIiwiZmlsdGVycyI6IjAifQ",
        ""
      })
  void anythingElseIsNotACursorIssuedByThisService(String text) {
    assertThatThrownBy(() -> Cursor.decode(text))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            refused ->
                assertThat(refused.errors())
                    .containsExactly(
                        new InvalidField("cursor", "is not a cursor issued by this service")));
  }
}
