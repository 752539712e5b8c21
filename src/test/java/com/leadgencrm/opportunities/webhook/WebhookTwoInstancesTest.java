package com.leadgencrm.opportunities.webhook;

import static com.leadgencrm.opportunities.event.SyntheticEvents.dealStage;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.event.Change;
import com.leadgencrm.opportunities.event.EventRecorder;
import com.leadgencrm.opportunities.event.EventType;
import com.leadgencrm.opportunities.event.SyntheticEvents;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Instances;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two instances deliver from one database: both take part, and each attempt is made by one of them
 * (the receiver answers every attempt 2xx, so any second delivery of an event to an endpoint would
 * be a double attempt).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookTwoInstancesTest {

  @Autowired Api api;
  @Autowired EventRecorder recorder;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;
  ConfigurableApplicationContext second;

  /** More than one instance serves at once (8), so both take part. */
  static final int ENDPOINTS = 12;

  @BeforeAll
  void startSecondInstance() {
    TestDatabase.Target database = TestDatabase.target();
    second =
        Instances.start(
            database,
            "--spring.datasource.hikari.maximum-pool-size=4",
            "--crm.webhooks.allow-private-networks=true");
  }

  @AfterAll
  void stopSecondInstance() {
    second.close();
    new SyntheticEvents(recorder, transactionManager, jdbc).cleanUp();
  }

  static double attempts(MeterRegistry registry) {
    return registry.find("crm.webhooks.attempts").counters().stream()
        .mapToDouble(counter -> counter.count())
        .sum();
  }

  @Test
  void everyEventReachesEveryEndpointOnceThoughBothInstancesDeliver() throws Exception {
    double firstBefore = attempts(meters);
    double secondBefore = attempts(second.getBean(MeterRegistry.class));
    SyntheticEvents events = new SyntheticEvents(recorder, transactionManager, jdbc);
    List<Long> webhooks = new ArrayList<>();
    try (Receiver receiver = new Receiver()) {
      // slow enough that an instance's 8 endpoint threads stay busy while the other takes the rest
      receiver.delayMillis = 20;
      for (int i = 0; i < ENDPOINTS; i++) {
        webhooks.add(
            api.post(
                    "/webhooks",
                    json(
                        Map.of(
                            "url",
                            receiver.url() + "/" + i,
                            "types",
                            List.of("dealStage.created"))))
                .id());
      }
      for (int batch = 0; batch < 5; batch++) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          long id = SyntheticEvents.nextId();
          changes.add(Change.of(EventType.DEAL_STAGE_CREATED, id, null, dealStage(id, "Two")));
        }
        events.inTransaction(Caller.SYSTEM, r -> r.recordAll(changes));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> receiver.all().size() >= ENDPOINTS * 150);
      Thread.sleep(1000);

      List<Receiver.Request> received = receiver.all();
      Set<String> distinct =
          received.stream()
              .map(r -> r.path() + " " + r.header("webhook-id"))
              .collect(Collectors.toSet());
      assertThat(distinct).hasSize(ENDPOINTS * 150);
      assertThat(received).hasSize(ENDPOINTS * 150);
    } finally {
      webhooks.forEach(id -> api.delete("/webhooks/" + id));
    }
    assertThat(attempts(meters)).isGreaterThan(firstBefore);
    assertThat(attempts(second.getBean(MeterRegistry.class))).isGreaterThan(secondBefore);
  }
}
