package com.leadgencrm.opportunities.field;

import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The data types a field can have, as clients spell them. */
public enum DataType {
  TEXT(true),
  TEXTAREA(true),
  INTEGER(false),
  NUMBER(false),
  BOOLEAN(false),
  DATE(false),
  DATETIME(false),
  EMAIL(true),
  URL(true),
  PHONE(true);

  /** Pattern of the JSON spelling, for validation and the OpenAPI document. */
  public static final String PATTERN =
      "text|textarea|integer|number|boolean|date|datetime|email|url|phone";

  private final boolean textual;

  DataType(boolean textual) {
    this.textual = textual;
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
