package com.leadgencrm.opportunities.field;

/** What other features need to know of a field definition. */
public record FieldRef(
    long id,
    String relationship,
    String systemName,
    DataType dataType,
    int dataLength,
    boolean isRequired,
    boolean isActive,
    boolean isCustom,
    boolean isUnique) {

  /** The data types whose fields can be unique: external keys. */
  public static final java.util.Set<DataType> KEY_TYPES =
      java.util.EnumSet.of(
          DataType.TEXT, DataType.EMAIL, DataType.URL, DataType.PHONE, DataType.INTEGER);
}
