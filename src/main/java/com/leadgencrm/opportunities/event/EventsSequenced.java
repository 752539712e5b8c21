package com.leadgencrm.opportunities.event;

/**
 * Published (as a Spring application event, on the instance that did it) when committed events got
 * their ids: the feed now reaches {@code head}.
 */
public record EventsSequenced(long head) {}
