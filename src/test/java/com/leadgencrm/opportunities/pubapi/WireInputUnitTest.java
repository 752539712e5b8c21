package com.leadgencrm.opportunities.pubapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.dealstage.DealStageInput;
import com.leadgencrm.opportunities.opportunity.OpportunityInput;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire protocol reads objects as leniently as real clients need (SPEC §4), and otherwise as
 * strictly as REST: objects come after {@link WireValues} converted their values.
 */
class WireInputUnitTest {

  static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  static Map<String, @Nullable Object> map(Object... pairs) {
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void aCreatedObjectMayCarryTheTimestampsAndIdOfTheRowItWasCopiedFrom() {
    Submitted<OpportunityInput> created =
        WireInput.created(
            JSON.readTree(
                """
                {"id":77,"ownerID":7,"dealStageID":2,"opportunityName":"Copied",
                 "closeDate":"2026-12-31","createTimestamp":"2026-01-01 00:00:00",
                 "updateTimestamp":"2026-01-01 00:00:00"}"""),
            OpportunityInput.class);
    assertThat(created.errors()).isEmpty();
    assertThat(created.extra()).isEmpty();
    assertThat(created.given())
        .isEqualTo(
            map(
                "ownerID",
                7L,
                "dealStageID",
                2L,
                "opportunityName",
                "Copied",
                "closeDate",
                Instant.parse("2026-12-31T00:00:00Z")));
  }

  @Test
  void anUpdateMayCarryTheTimestampsItRead() {
    Submitted<OpportunityInput> changes =
        WireInput.changes(
            JSON.readTree(
                """
                {"id":51,"amount":12,"createTimestamp":"2026-01-01 00:00:00",
                 "updateTimestamp":"2026-01-01 00:00:00"}"""),
            OpportunityInput.class);
    assertThat(changes.errors()).isEmpty();
    assertThat(changes.given()).isEqualTo(map("amount", new java.math.BigDecimal("12")));
  }

  @Test
  void inAnUpdateNullForARequiredPropertyMeansNotGiven() {
    Submitted<OpportunityInput> changes =
        WireInput.changes(
            JSON.readTree(
                """
                {"id":51,"ownerID":7,"opportunityName":null,"closeDate":null,"dealStageID":null,
                 "amount":12,"accountID":null}"""),
            OpportunityInput.class);
    assertThat(changes.errors()).isEmpty();
    assertThat(changes.names("opportunityName")).isFalse();
    assertThat(changes.names("closeDate")).isFalse();
    assertThat(changes.names("dealStageID")).isFalse();
    // an optional property given as null is cleared, as over REST
    assertThat(changes.given())
        .isEqualTo(map("ownerID", 7L, "amount", new java.math.BigDecimal("12"), "accountID", null));
  }

  @Test
  void inACreateNullForARequiredPropertyIsStillGivenAsNull() {
    Submitted<DealStageInput> created =
        WireInput.created(JSON.readTree("{\"dealStageName\":null}"), DealStageInput.class);
    assertThat(created.names("dealStageName")).isTrue();
    assertThat(created.record().dealStageName()).isNull();
  }

  @Test
  void everythingElseIsAsStrictAsRest() {
    Submitted<OpportunityInput> changes =
        WireInput.changes(
            JSON.readTree("{\"id\":51,\"ownerID\":\"seven\",\"isWon\":\"yes\",\"colour\":\"red\"}"),
            OpportunityInput.class);
    assertThat(changes.errors())
        .containsExactly(
            new InvalidField("ownerID", "must be an integer from 1 to 999999999999999999"),
            new InvalidField("isWon", "must be true or false"));
    assertThat(changes.extra()).isEqualTo(map("colour", "red"));
  }

  @Test
  void theObjectItselfIsLeftAsItWas() {
    var object = JSON.readTree("{\"id\":51,\"createTimestamp\":\"x\",\"opportunityName\":null}");
    WireInput.changes(object, OpportunityInput.class);
    assertThat(object)
        .isEqualTo(JSON.readTree("{\"id\":51,\"createTimestamp\":\"x\",\"opportunityName\":null}"));
  }

  @Test
  void anObjectThatIsNotAnObjectIsOneError() {
    Submitted<OpportunityInput> created =
        WireInput.created(JSON.readTree("\"not an object\""), OpportunityInput.class);
    assertThat(created.isObject()).isFalse();
    assertThat(created.errors())
        .containsExactly(new InvalidField("", "the request body must be a JSON object"));
  }
}
