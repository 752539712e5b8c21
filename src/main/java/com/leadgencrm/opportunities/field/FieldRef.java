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
    boolean isCustom) {}
