package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.opportunity.Opportunities.create;
import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.WireClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Currencies of amounts, and the probability's source (SPEC §1). */
@IntegrationTest
class CurrencyTest {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;

  Reply post(long owner, Object currency, Object amount) {
    var opportunity = minimal(owner);
    opportunity.put("currency", currency);
    opportunity.put("amount", amount);
    return api.post("/opportunities", json(opportunity));
  }

  @Test
  void theDefaultCurrencyIsUsdWithTwoFractionDigits() {
    var opportunity = minimal(uniqueOwner());
    opportunity.put("amount", 100.5);
    JsonNode read = api.get("/opportunities/" + create(api, opportunity)).json();
    assertThat(read.path("currency").asString()).isEqualTo("USD");
    assertThat(read.path("amount").toString()).isEqualTo("100.50");
  }

  @Test
  void theAmountHasAtMostTheCurrencysMinorUnits() {
    long owner = uniqueOwner();
    Reply yen = post(owner, "JPY", 1.5);
    assertThat(yen.status()).isEqualTo(400);
    assertThat(yen.errorFields()).containsExactly("amount");
    assertThat(yen.body()).contains("0 fraction digits in JPY");

    Reply dinar = post(owner, "KWD", 1.234);
    assertThat(dinar.status()).as(dinar.body()).isEqualTo(201);
    assertThat(dinar.json().path("amount").toString()).isEqualTo("1.234");
    assertThat(api.get("/opportunities/" + dinar.id()).json().path("amount").toString())
        .isEqualTo("1.234");

    Reply roundYen = post(owner, "JPY", new BigDecimal("1500.00"));
    assertThat(roundYen.status()).as(roundYen.body()).isEqualTo(201);
    assertThat(roundYen.json().path("amount").toString()).isEqualTo("1500");

    assertThat(post(owner, "USD", 1.234).errorFields()).containsExactly("amount");
    assertThat(post(owner, "KWD", new BigDecimal("1.2345")).errorFields())
        .containsExactly("amount");
  }

  @Test
  void aCurrencyIsAnIso4217CodeOfTheJdksList() {
    long owner = uniqueOwner();
    for (Object wrong : List.of("usd", "ABC", "XAU", "US", 840)) {
      Reply reply = post(owner, wrong, 10);
      assertThat(reply.status()).as(wrong.toString()).isEqualTo(400);
      assertThat(reply.errorFields()).as(wrong.toString()).containsExactly("currency");
    }
    assertThat(post(owner, "CHF", 10).status()).isEqualTo(201);
  }

  @Test
  void aPatchInAnotherCurrencyChecksTheAmountAgainstIt() {
    long id = post(uniqueOwner(), "EUR", new BigDecimal("10.50")).id();
    Reply toYen = api.patch("/opportunities/" + id, "{\"currency\":\"JPY\"}");
    assertThat(toYen.status()).isEqualTo(400);
    assertThat(toYen.errorFields()).containsExactly("amount");
    Reply both = api.patch("/opportunities/" + id, "{\"currency\":\"JPY\",\"amount\":11}");
    assertThat(both.status()).isEqualTo(200);
    assertThat(both.json().path("amount").toString()).isEqualTo("11");
    Reply reset = api.patch("/opportunities/" + id, "{\"currency\":null,\"amount\":null}");
    assertThat(reset.json().path("currency").asString()).isEqualTo("USD");
  }

  @Test
  void listsFilterAndSortByCurrency() {
    long owner = uniqueOwner();
    long eur = post(owner, "EUR", 1).id();
    long jpy = post(owner, "JPY", 1).id();
    long usd = post(owner, "USD", 1).id();
    assertThat(ids("/opportunities?ownerID=" + owner + "&currency=JPY,EUR&sort=currency"))
        .containsExactly(eur, jpy);
    assertThat(ids("/opportunities?ownerID=" + owner + "&currency=USD&currency=JPY"))
        .containsExactly(jpy, usd);
    assertThat(ids("/opportunities?ownerID=" + owner + "&sort=currency,desc"))
        .containsExactly(usd, jpy, eur);
    String page = "/opportunities?ownerID=" + owner + "&sort=currency&limit=2";
    JsonNode first = api.get(page).json();
    JsonNode second = api.get(page + "&cursor=" + first.path("nextCursor").asString()).json();
    assertThat(second.path("items").get(0).path("id").asLong()).isEqualTo(usd);
  }

  @Test
  void theDatabaseRefusesMoreFractionDigitsThanTheCurrencyHas() {
    long id = post(uniqueOwner(), "JPY", 100).id();
    assertThatThrownBy(
            () ->
                jdbc.sql("update opportunity set amount = 100.5 where id = :id")
                    .param("id", id)
                    .update())
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("opportunity_amount_minor_units");
  }

  @Test
  void probabilitySourceShowsWhetherTheProbabilityFollowsTheStage() {
    long id = create(api, minimal(uniqueOwner()));
    JsonNode created = api.get("/opportunities/" + id).json();
    assertThat(created.path("probabilitySource").asString()).isEqualTo("stage");
    assertThat(created.path("probability").asInt()).isEqualTo(20);

    JsonNode manual = api.patch("/opportunities/" + id, "{\"probability\":33}").json();
    assertThat(manual.path("probabilitySource").asString()).isEqualTo("manual");
    JsonNode moved = api.patch("/opportunities/" + id, "{\"dealStageID\":4}").json();
    assertThat(moved.path("probability").asInt()).isEqualTo(33);
    assertThat(moved.path("probabilitySource").asString()).isEqualTo("manual");

    JsonNode back = api.patch("/opportunities/" + id, "{\"probability\":null}").json();
    assertThat(back.path("probabilitySource").asString()).isEqualTo("stage");
    assertThat(back.path("probability").asInt()).isEqualTo(60);
    assertThat(
            api.patch("/opportunities/" + id, "{\"probabilitySource\":\"manual\"}").errorFields())
        .containsExactly("probabilitySource");
  }

  @Test
  void wireRowsKeepTheSchemasFieldsAndWireCreatesTakeTheDefaultCurrency() {
    WireClient wire = WireClient.of(api, Api.ADMIN_TOKEN);
    long owner = uniqueOwner();
    JsonNode created =
        wire.call(
            """
            {"method":"createOpportunities","params":{"objects":[
              {"ownerID":"%d","dealStageID":2,"opportunityName":"Wire","closeDate":"2026-11-26"}
            ]},"id":1}"""
                .formatted(owner));
    long id = created.path("result").path("creates").get(0).path("id").asLong();
    assertThat(api.get("/opportunities/" + id).json().path("currency").asString()).isEqualTo("USD");
    JsonNode row =
        wire.call("{\"method\":\"getOpportunity\",\"params\":{\"id\":%d},\"id\":2}".formatted(id))
            .path("result")
            .path("opportunity")
            .get(0);
    assertThat(row.has("currency")).isFalse();
    assertThat(row.has("probabilitySource")).isFalse();
    assertThat(row.has("pipelineID")).isFalse();
    assertThat(row.has("opportunityName")).isTrue();
  }

  private List<Long> ids(String path) {
    Reply reply = api.get(path);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    reply.json().path("items").forEach(item -> ids.add(item.path("id").asLong()));
    return ids;
  }
}
