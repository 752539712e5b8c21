package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Test data: opportunities as clients send them. */
public final class Opportunities {

  private Opportunities() {}

  /** An owner id no other test uses. */
  public static long uniqueOwner() {
    return ThreadLocalRandom.current().nextLong(1_000_000_000L, 900_000_000_000_000_000L);
  }

  /** A valid opportunity with the required properties only. */
  public static Map<String, Object> minimal(long owner) {
    Map<String, Object> opportunity = new HashMap<>();
    opportunity.put("ownerID", owner);
    opportunity.put("dealStageID", 2);
    opportunity.put("opportunityName", "Acme " + owner);
    opportunity.put("closeDate", "2026-12-31");
    return opportunity;
  }

  public static long create(Api api, Map<String, Object> opportunity) {
    Reply reply = api.post("/opportunities", json(opportunity));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.id();
  }
}
