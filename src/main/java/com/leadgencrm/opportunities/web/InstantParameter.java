package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.core.Values;
import java.time.Instant;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Reads instants in query parameters the way request bodies read them: a date-time with offset, or
 * a date. An unencoded {@code +} of an offset arrives as a space; it is read as the {@code +} it
 * was meant to be.
 */
@Component
class InstantParameter implements Converter<String, Instant> {

  @Override
  public Instant convert(String text) {
    try {
      return Values.instant(text.trim().isEmpty() ? text : text.replace(' ', '+'));
    } catch (Values.TypeMismatch e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }
}
