package com.leadgencrm.opportunities.opportunity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of opportunities, from {@code crm.opportunities.*}.
 *
 * @param defaultCurrency ISO 4217 code of an opportunity written without a currency ({@code
 *     CRM_DEFAULT_CURRENCY}); checked at start-up
 * @param recycleDays days a deleted opportunity stays in the recycle bin ({@code CRM_RECYCLE_DAYS})
 */
@ConfigurationProperties("crm.opportunities")
public record OpportunityProperties(
    @DefaultValue("USD") String defaultCurrency, @DefaultValue("30") int recycleDays) {

  public OpportunityProperties {
    if (Currencies.minorUnits(defaultCurrency) < 0) {
      throw new IllegalArgumentException(
          "CRM_DEFAULT_CURRENCY: " + defaultCurrency + " " + Currencies.NOT_A_CURRENCY);
    }
    if (recycleDays < 1) {
      throw new IllegalArgumentException("CRM_RECYCLE_DAYS must be at least 1");
    }
  }
}
