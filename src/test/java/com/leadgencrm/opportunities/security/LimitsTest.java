package com.leadgencrm.opportunities.security;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.opportunity.Opportunities;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Rate limits and body limits answer 429 and 413, and neither disturbs other keys. */
@IntegrationTest
class LimitsTest {

  @Autowired Api admin;

  @Test
  void overTheRateIsTooManyRequestsWithRetryAfter() {
    Api limited =
        admin.as(Keys.create(admin, Role.SALES_MANAGER, 51, 1).json().path("token").asString());
    Api other =
        admin.as(Keys.create(admin, Role.SALES_MANAGER, 52, 1).json().path("token").asString());

    List<Integer> statuses = new ArrayList<>();
    Reply limitedReply = null;
    for (int i = 0; i < 6; i++) {
      Reply reply = limited.get("/dealStages/1");
      statuses.add(reply.status());
      if (reply.status() == 429) {
        limitedReply = reply;
      }
    }
    assertThat(statuses).startsWith(200, 200).contains(429);
    assertThat(limitedReply).isNotNull();
    assertThat(Integer.parseInt(limitedReply.header("Retry-After"))).isBetween(1, 2);
    assertThat(limitedReply.header("Content-Type")).startsWith("application/problem+json");

    assertThat(other.get("/dealStages/1").status()).isEqualTo(200);
    assertThat(admin.get("/dealStages/1").status()).isEqualTo(200);
  }

  @Test
  void rateLimitRecoversAfterRetryAfter() throws InterruptedException {
    Api limited =
        admin.as(Keys.create(admin, Role.SALES_MANAGER, 53, 1).json().path("token").asString());
    int status = 200;
    for (int i = 0; i < 5 && status == 200; i++) {
      status = limited.get("/dealStages/1").status();
    }
    assertThat(status).isEqualTo(429);
    Thread.sleep(1100);
    assertThat(limited.get("/dealStages/1").status()).isEqualTo(200);
  }

  @Test
  void aHighLimitHoldsToo() {
    // from 100 requests per second on, an instance syncs a key's bucket about every 100 ms
    Api busy =
        admin.as(Keys.create(admin, Role.SALES_MANAGER, 54, 100).json().path("token").asString());
    long start = System.nanoTime();
    int allowed = 0;
    int limited = 0;
    for (int i = 0; i < 3000 && limited < 20; i++) {
      int status = busy.get("/dealStages/1").status();
      assertThat(status).isIn(200, 429);
      if (status == 200) {
        allowed++;
      } else {
        limited++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // a burst of twice the rate, then the rate; 1% of a second's tokens may be taken unsynced
    assertThat(allowed)
        .isGreaterThanOrEqualTo(200)
        .isLessThanOrEqualTo(200 + (int) (100 * seconds) + 2);
    assertThat(limited).isPositive();
  }

  @Test
  void oversizedBodyIsContentTooLarge() {
    String huge = "{\"opportunityName\":\"" + "x".repeat(2_200_000) + "\"}";
    Reply reply = admin.post("/opportunities", huge);
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(
            admin
                .post("/opportunities", json(Opportunities.minimal(Opportunities.uniqueOwner())))
                .status())
        .isEqualTo(201);
  }

  @Test
  void oversizedChunkedBodyIsContentTooLarge() throws Exception {
    byte[] chunk = "x".repeat(64 * 1024).getBytes();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(admin.baseUrl() + "/opportunities"))
            .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () ->
                        new InputStream() {
                          int sent;
                          int position = -1;

                          @Override
                          public int read() {
                            if (position < 0) {
                              position = 0;
                              return '"';
                            }
                            if (sent >= 40) {
                              return -1;
                            }
                            int b = chunk[position++];
                            if (position == chunk.length) {
                              position = 0;
                              sent++;
                            }
                            return b;
                          }
                        }))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }
}
