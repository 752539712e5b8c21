package com.leadgencrm.opportunities.core;

/**
 * What an operation needs, declared once on the service method that performs it ({@link Requires})
 * and enforced there for every protocol. Which role has which permission is {@link Role}'s table.
 */
public enum Permission {
  /** Read opportunities (in the caller's scope), associations, deal stages and fields. */
  READ,
  /** Create and change opportunities and associate leads with them. */
  WRITE_OPPORTUNITIES,
  /** Delete opportunities, and remove (or move away) their lead associations. */
  DELETE_OPPORTUNITIES,
  /** Purge deleted opportunities from the recycle bin for good. */
  PURGE_OPPORTUNITIES,
  /** Create, change and delete deal stages and pipelines. */
  WRITE_DEAL_STAGES,
  /** Create, change and delete custom fields. */
  WRITE_FIELDS,
  /** Create, read, change and delete webhooks, and see their deliveries. */
  MANAGE_WEBHOOKS,
  /** Create, read and revoke API keys. */
  MANAGE_API_KEYS
}
