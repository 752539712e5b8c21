package com.leadgencrm.opportunities.pubapi;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.opportunity.Opportunities;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The OpportunityLead family of the wire protocol: exact rows and answers. */
@IntegrationTest
class WireOpportunityLeadTest {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  Wire wire;

  @BeforeEach
  void client() {
    wire = new Wire(api, jdbc);
  }

  long associate(long opportunity, long lead) {
    JsonNode created =
        wire.call(
            """
            {"method":"createOpportunityLeads","params":{"objects":[{"opportunityID":"%d","leadID":"%d"}]},"id":1}"""
                .formatted(opportunity, lead));
    assertThat(created.path("error").isNull()).as(created.toString()).isTrue();
    return created.path("result").path("creates").get(0).path("id").asLong();
  }

  @Test
  void aLeadAssociatedTwiceIs301WithTheExistingAssociation() {
    long opportunity = Opportunities.create(api, minimal(uniqueOwner()));
    JsonNode created =
        wire.call(
            """
            {"method":"createOpportunityLeads","params":{"objects":[{"opportunityID":"%d","leadID":"501"},
             {"opportunityID":%d,"leadID":501},{"opportunityID":999999999999,"leadID":501},{"leadID":7}]},"id":1}"""
                .formatted(opportunity, opportunity));
    long association = created.path("result").path("creates").get(0).path("id").asLong();
    assertThat(created.path("result").path("creates"))
        .isEqualTo(
            Wire.parse(
                """
                [{"success":true,"error":null,"id":%d},
                 {"success":false,"error":{"code":301,"message":"Entry already exists: Lead 501 is already associated with opportunity %d (opportunity lead %d)","data":[{"id":%d}]}},
                 {"success":false,"error":{"code":205,"message":"Invalid parameters: opportunityID opportunity 999999999999 does not exist","data":[{"field":"opportunityID","message":"opportunity 999999999999 does not exist"}]}},
                 {"success":false,"error":{"code":205,"message":"Invalid parameters: opportunityID is required","data":[{"field":"opportunityID","message":"is required"}]}}]"""
                    .formatted(association, opportunity, association, association)));
  }

  @Test
  void associationsAreReadAsRowsOfStrings() {
    long opportunity = Opportunities.create(api, minimal(uniqueOwner()));
    long association = associate(opportunity, 501);
    wire.pin("opportunity_lead", association);
    String row =
        """
        {"id":"%d","opportunityID":"%d","leadID":"501","createTimestamp":"%s","updateTimestamp":"%s"}""";
    assertThat(
            wire.call(
                    "{\"method\":\"getOpportunityLeads\",\"params\":{\"where\":{\"opportunityID\":\""
                        + opportunity
                        + "\"}},\"id\":1}")
                .path("result"))
        .isEqualTo(
            Wire.parse(
                "{\"getWhereopportunityLeads\":["
                    + row.formatted(
                        association, opportunity, "2026-03-01 09:30:00", "2026-07-01 23:59:59")
                    + "]}"));
    String one =
        "{\"method\":\"getOpportunityLead\",\"params\":{\"id\":" + association + "},\"id\":1}";
    assertThat(wire.call(one))
        .isEqualTo(
            Wire.parse(
                "{\"result\":{\"opportunityLead\":["
                    + row.formatted(
                        association, opportunity, "2026-03-01 09:30:00", "2026-07-01 23:59:59")
                    + "]},\"error\":null,\"id\":1}"));
    assertThat(wire.callV1(one).path("result"))
        .isEqualTo(
            Wire.parse(
                "{\"opportunityLead\":["
                    + row.formatted(
                        association, opportunity, "2026-03-01 04:30:00", "2026-07-01 19:59:59")
                    + "]}"));
    assertThat(
            wire.call(
                "{\"method\":\"getOpportunityLead\",\"params\":{\"id\":999999999999},\"id\":1}"))
        .isEqualTo(Wire.parse("{\"result\":{\"opportunityLead\":[]},\"error\":null,\"id\":1}"));
  }

  @Test
  void anAssociationIsUpdatedAndDeleted() {
    long opportunity = Opportunities.create(api, minimal(uniqueOwner()));
    long association = associate(opportunity, 501);
    JsonNode row =
        wire.call(
                "{\"method\":\"getOpportunityLead\",\"params\":{\"id\":"
                    + association
                    + "},\"id\":1}")
            .path("result")
            .path("opportunityLead")
            .get(0);
    // sent back as read, timestamps included, with one change
    JsonNode changed =
        ((tools.jackson.databind.node.ObjectNode) row.deepCopy()).put("leadID", "502");
    assertThat(
            wire.call(
                "{\"method\":\"updateOpportunityLeads\",\"params\":{\"objects\":["
                    + changed
                    + ",{\"id\":999999999999,\"leadID\":1}]},\"id\":1}"))
        .isEqualTo(
            Wire.parse(
                """
                {"result":{"updates":[{"success":true,"error":null},
                  {"success":false,"error":{"code":302,"message":"No table rows affected: Opportunity lead 999999999999 does not exist","data":[]}}]},
                 "error":[{"code":302,"message":"No table rows affected: Opportunity lead 999999999999 does not exist","data":[]}],
                 "id":1}"""));
    assertThat(api.get("/opportunityLeads/" + association).json().path("leadID").asLong())
        .isEqualTo(502);

    assertThat(
            wire.call(
                    "{\"method\":\"deleteOpportunityLeads\",\"params\":{\"objects\":[{\"id\":"
                        + association
                        + "}]},\"id\":1}")
                .path("result"))
        .isEqualTo(Wire.parse("{\"deletes\":[{\"success\":true,\"error\":null}]}"));
    assertThat(api.get("/opportunityLeads/" + association).status()).isEqualTo(404);
  }

  @Test
  void dateRangesOfAssociations() {
    long opportunity = Opportunities.create(api, minimal(uniqueOwner()));
    long association = associate(opportunity, 501);
    wire.pin("opportunity_lead", association);
    assertThat(
            wire.call(
                    """
                    {"method":"getOpportunityLeadsDateRange","params":{"startDate":"2026-03-01 09:30:00",
                     "endDate":"2026-03-01 09:30:01","limit":500},"id":1}""")
                .path("result")
                .path("opportunityLead")
                .findValuesAsString("id"))
        .contains(Long.toString(association));
    assertThat(
            wire.call(
                    """
                    {"method":"getOpportunityLeadsDateRange","params":{"startDate":"2026-07-01 23:59:59",
                     "endDate":"2026-07-01 23:59:59","timestamp":"update","limit":500},"id":1}""")
                .path("result")
                .path("opportunityLead")
                .findValuesAsString("id"))
        .contains(Long.toString(association));
  }
}
