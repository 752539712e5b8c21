package com.leadgencrm.opportunities.event;

/**
 * Published (as a Spring application event, on the instance that wrote them) when a transaction
 * committed events: the feed now reaches at least {@code head}.
 */
public record EventsSequenced(long head) {}
