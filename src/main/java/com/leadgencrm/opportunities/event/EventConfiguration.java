package com.leadgencrm.opportunities.event;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** What the events and webhooks take their time from; their retention runs on a schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class EventConfiguration {

  /** The time of events, retention and webhook schedules; tests control it. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
