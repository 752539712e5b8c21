package com.leadgencrm.opportunities.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.CustomFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@link #ROWS} opportunities with a 60,000-character text area each ({@link #note}), in a campaign
 * of their own: an answer of all of them is about 18 MB, more than what the service holds before
 * sending and what the sockets between two ends buffer together.
 *
 * @param field the text area's id
 * @param notes its systemName
 * @param campaign the campaignID of every one of them
 * @param ids their ids, in the order created
 */
public record LargeOpportunities(long field, String notes, long campaign, List<Long> ids) {

  public static final int ROWS = 300;

  /** Creates the field and the opportunities, 25 a batch. */
  public static LargeOpportunities create(Api api) {
    Reply created = CustomFields.create(api, "notes", "textarea", 65535);
    String notes = created.json().path("systemName").asString();
    long campaign = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    List<Long> ids = new ArrayList<>();
    for (int batch = 0; batch < ROWS / 25; batch++) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        Map<String, Object> opportunity = Opportunities.minimal(Opportunities.uniqueOwner());
        opportunity.put("campaignID", campaign);
        opportunity.put(notes, note(batch * 25 + i));
        items.add(opportunity);
      }
      Reply reply = api.post("/opportunities/batch", Api.json(Map.of("items", items)));
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      reply.json().path("results").forEach(result -> ids.add(result.path("id").asLong()));
    }
    assertThat(ids).hasSize(ROWS).doesNotContain(0L);
    return new LargeOpportunities(created.id(), notes, campaign, List.copyOf(ids));
  }

  /** The text area of the {@code index}th opportunity created: its index, then 60,000 letters. */
  public static String note(int index) {
    return index + "n".repeat(60_000);
  }

  /** Deletes the field (the opportunities stay, with no values). */
  public void deleteField(Api api) {
    api.delete("/fields/" + field);
  }
}
