package bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The realistic mix of bench/run.sh's open-model run: 60% GET by id, 25% filtered lists (an owner's
 * open opportunities, a closeDate month by amount, a custom-field equality, an incremental sync),
 * 10% PATCH, 5% create. Each virtual user sends one request of the mix and leaves.
 *
 * <p>{@code -Dbench.mode=closed}: {@code bench.users} users at all times, each starting when another
 * finishes (a closed loop, like wrk: its throughput is the mix's maximum). {@code -Dbench.mode=open}:
 * {@code bench.rate} new users per second at fixed intervals whatever the answers do (no
 * coordinated omission: a slow answer does not delay the next request). Connections are shared
 * between users and opened as needed, so the open model is never capped by a connection pool.
 *
 * <p>The users of the first {@code bench.warmup} seconds (from the first user's start) send the
 * same load in group "warmup"; bench/report.py reads group "mix": the users that start in the
 * {@code bench.duration} seconds after it.
 */
public class MixSimulation extends Simulation {

  private static final String BASE_URL = System.getProperty("bench.baseUrl", "http://127.0.0.1:18080");
  private static final String TOKEN = System.getProperty("bench.token", "bench.bench");
  private static final String MODE = System.getProperty("bench.mode", "closed");
  private static final int USERS = Integer.getInteger("bench.users", 32);
  private static final double RATE = Double.parseDouble(System.getProperty("bench.rate", "100"));
  private static final int WARMUP_S = Integer.getInteger("bench.warmup", 5);
  private static final int DURATION_S = Integer.getInteger("bench.duration", 20);
  private static final long MAX_ID = Long.getLong("bench.maxId", 1_000_000L);
  private static final String SYNC_FROM = System.getProperty("bench.syncFrom", "2026-01-01T00:00:00Z");
  private static final String CUSTOM_FIELD = System.getProperty("bench.customField", "cf_industry");

  private static final String[] INDUSTRIES = {
    "Software", "Manufacturing", "Retail", "Healthcare", "Finance",
    "Education", "Logistics", "Energy", "Media", "Public Sector"
  };
  private static final String[] COMPANIES = {
    "Acme Corp", "Globex", "Initech", "Hooli", "Soylent", "Umbrella Health", "Pied Piper"
  };

  /** When the first user started (System.nanoTime), 0 before. */
  private final AtomicLong firstStart = new AtomicLong();

  private static ThreadLocalRandom random() {
    return ThreadLocalRandom.current();
  }

  private static String amount() {
    return random().nextInt(500, 250_001) + "." + String.format("%02d", random().nextInt(100));
  }

  private static String opportunityJson() {
    return String.format(
        "{\"ownerID\":%d,\"dealStageID\":%d,\"opportunityName\":\"%s %06d - Pilot\","
            + "\"closeDate\":\"%04d-%02d-%02d\",\"amount\":%s}",
        random().nextInt(2, 10_001),
        random().nextInt(1, 6),
        COMPANIES[random().nextInt(COMPANIES.length)],
        random().nextInt(1, 1_000_000),
        random().nextInt(2025, 2028),
        random().nextInt(1, 13),
        random().nextInt(1, 29),
        amount());
  }

  private final HttpProtocolBuilder protocol =
      http.baseUrl(BASE_URL)
          .authorizationHeader("Bearer " + TOKEN)
          .acceptHeader("application/json")
          .shareConnections()
          .disableCaching()
          .disableWarmUp();

  private final ChainBuilder oneRequest =
      exec(session ->
              session
                  .set("id", random().nextLong(1, MAX_ID + 1))
                  .set("owner", random().nextInt(2, 10_001))
                  .set("month", String.format("%02d", random().nextInt(1, 13)))
                  .set("industry", INDUSTRIES[random().nextInt(INDUSTRIES.length)])
                  .set("amount", amount())
                  .set("opportunity", opportunityJson()))
          .exec(
              randomSwitch()
                  .on(
                      percent(60.0).then(exec(http("get_by_id").get("/opportunities/#{id}"))),
                      percent(7.0)
                          .then(exec(http("list_owner_open")
                              .get("/opportunities?ownerID=#{owner}&isClosed=false&limit=100"))),
                      percent(6.0)
                          .then(exec(http("list_close_date_amount")
                              .get("/opportunities?closeDateFrom=2026-#{month}-01&closeDateTo=2026-#{month}-28"
                                  + "&sort=amount,desc&limit=100"))),
                      percent(6.0)
                          .then(exec(http("list_custom_field")
                              .get("/opportunities?" + CUSTOM_FIELD + "=#{industry}&limit=100"))),
                      percent(6.0)
                          .then(exec(http("sync_updated")
                              .get("/opportunities?updateTimestampFrom=" + SYNC_FROM
                                  + "&sort=updateTimestamp&limit=100"))),
                      percent(10.0)
                          .then(exec(http("patch")
                              .patch("/opportunities/#{id}")
                              .header("Content-Type", "application/merge-patch+json")
                              .body(StringBody("{\"amount\":#{amount}}")))),
                      percent(5.0)
                          .then(exec(http("create")
                              .post("/opportunities")
                              .header("Content-Type", "application/json")
                              .body(StringBody("#{opportunity}"))))));

  private String phase() {
    long now = System.nanoTime();
    firstStart.compareAndSet(0, now);
    return now - firstStart.get() < Duration.ofSeconds(WARMUP_S).toNanos() ? "warmup" : "mix";
  }

  private final ScenarioBuilder mix =
      scenario("mix").exec(group(session -> phase()).on(oneRequest));

  {
    Duration total = Duration.ofSeconds(WARMUP_S + DURATION_S);
    switch (MODE) {
      case "closed" -> setUp(mix.injectClosed(constantConcurrentUsers(USERS).during(total)))
          .protocols(protocol);
      case "open" -> setUp(mix.injectOpen(constantUsersPerSec(RATE).during(total)))
          .protocols(protocol);
      default -> throw new IllegalArgumentException("bench.mode must be closed or open: " + MODE);
    }
  }
}
