package com.leadgencrm.opportunities.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port against the test PostgreSQL. Every test class with this
 * annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "crm.security.bootstrap-key=" + Api.ADMIN_TOKEN,
      // high enough never to get in the way; RateLimitTest gives its keys their own rates
      "crm.security.rate-limit-per-second=1000000",
      "crm.security.rate-limit-burst=1000000",
      // /pubapi/v1 speaks this zone (v1.2 is UTC): WireProtocolTest checks both
      "crm.pubapi.v1-time-zone=America/New_York",
      // webhook tests deliver to receivers on this machine, over http
      "crm.webhooks.allow-private-networks=true",
      // the suite's writes leave tens of thousands of events behind the opportunities' history:
      // reads of past pipelines here bring it up to date whatever it takes (HistoryCatchUpTest
      // checks the limit, on an instance of its own)
      "crm.limits.history-catch-up=10m"
    })
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
@Import({Api.Configuration.class, TestClock.Configuration.class})
public @interface IntegrationTest {}
