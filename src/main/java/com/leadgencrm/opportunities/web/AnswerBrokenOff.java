package com.leadgencrm.opportunities.web;

/**
 * A failure after the first part of an answer went out (a read streamed as it is fetched): no other
 * answer can be written any more. It is left to the server, which closes the connection before the
 * answer's end, so that the client sees an answer cut short, never one that looks whole.
 */
public class AnswerBrokenOff extends RuntimeException {

  public AnswerBrokenOff(RuntimeException cause) {
    super("The answer was broken off after its first part went out", cause);
  }
}
