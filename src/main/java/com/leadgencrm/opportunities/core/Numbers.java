package com.leadgencrm.opportunities.core;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** Number presentation. */
public final class Numbers {

  private Numbers() {}

  /** 35.00 reads as 35 and 12.50 as 12.5: a percentage has no fixed scale. */
  public static @Nullable BigDecimal plain(@Nullable BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
