package com.leadgencrm.opportunities.field;

import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The data types a field can have, as clients spell them. */
public enum DataType {
  TEXT(true, 255),
  TEXTAREA(true, 65535),
  INTEGER(false, 18),
  NUMBER(false, 18),
  BOOLEAN(false, 1),
  DATE(false, 10),
  DATETIME(false, 255),
  EMAIL(true, 255),
  URL(true, 2048),
  PHONE(true, 50);

  /** Pattern of the JSON spelling, for validation and the OpenAPI document. */
  public static final String PATTERN =
      "text|textarea|integer|number|boolean|date|datetime|email|url|phone";

  private final boolean textual;
  private final int defaultLength;

  DataType(boolean textual, int defaultLength) {
    this.textual = textual;
    this.defaultLength = defaultLength;
  }

  /**
   * The dataLength of a field of this type when its creator gives none (as the wire protocol's
   * createFields allows): what the standard fields of the type have, or what values of the type
   * usually need.
   */
  public int defaultLength() {
    return defaultLength;
  }

  /** Text-like: its values are strings at most {@code dataLength} characters long. */
  public boolean textual() {
    return textual;
  }

  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static final java.util.Map<String, DataType> BY_JSON =
      Arrays.stream(values())
          .collect(java.util.stream.Collectors.toUnmodifiableMap(DataType::json, t -> t));

  public static @Nullable DataType of(String json) {
    return BY_JSON.get(json);
  }
}
