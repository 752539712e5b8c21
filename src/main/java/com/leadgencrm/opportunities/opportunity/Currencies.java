package com.leadgencrm.opportunities.opportunity;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The currencies of amounts: the ISO 4217 codes of the JDK's list ({@link Currency}) that have
 * minor units (funds and metals such as XAU have none, and are no currency of a deal). The database
 * keeps the same minor units (function {@code currency_minor_units}).
 */
final class Currencies {

  static final String NOT_A_CURRENCY = "is not an ISO 4217 currency code (such as USD, EUR, JPY)";

  private static final Set<String> CODES =
      Currency.getAvailableCurrencies().stream()
          .filter(currency -> currency.getDefaultFractionDigits() >= 0)
          .map(Currency::getCurrencyCode)
          .collect(Collectors.toUnmodifiableSet());

  private Currencies() {}

  /** The currency's minor units (USD 2, JPY 0, KWD 3), or -1 when it is no currency of amounts. */
  static int minorUnits(@Nullable String code) {
    if (code == null || !CODES.contains(code)) {
      return -1;
    }
    return Currency.getInstance(code).getDefaultFractionDigits();
  }

  /** Whether the amount has no more fraction digits than the currency (100.00 JPY is 100). */
  static boolean fits(BigDecimal amount, int minorUnits) {
    return amount.stripTrailingZeros().scale() <= minorUnits;
  }

  /** The amount with exactly the currency's fraction digits: what is stored and read back. */
  static @Nullable BigDecimal scaled(@Nullable BigDecimal amount, String code) {
    return amount == null ? null : amount.setScale(Math.max(minorUnits(code), 0));
  }
}
