package com.leadgencrm.opportunities.web;

import java.io.IOException;

/** A request body grew past the configured maximum while it was read (413). */
public class RequestTooLarge extends IOException {

  public RequestTooLarge(long maximum) {
    super("The request body is larger than " + maximum + " bytes");
  }
}
