package com.leadgencrm.opportunities.core;

/** What became of one item of a batch (one object of a wire-protocol write), in input order. */
public sealed interface ItemOutcome {

  /** The most items a batch (or a wire-protocol write) holds. */
  int MAX_ITEMS = 500;

  /** The item's position in its batch. */
  int index();

  /** Written: the id of the created or changed resource. */
  record Applied(int index, long id, boolean created) implements ItemOutcome {}

  /** Refused on its own, for this reason; nothing of it was written. */
  record Refused(int index, Refusal refusal) implements ItemOutcome {}

  /** Valid, but not written: another item of its all-or-nothing batch was refused. */
  record NotApplied(int index) implements ItemOutcome {}
}
