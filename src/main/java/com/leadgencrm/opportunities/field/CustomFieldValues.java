package com.leadgencrm.opportunities.field;

/**
 * Where the values of custom fields live. Implemented by the feature whose objects carry them, so
 * that this package does not depend on it; every method runs in the caller's transaction.
 */
public interface CustomFieldValues {

  /** Whether this store keeps the values of fields of this relationship. */
  boolean holds(String relationship);

  /**
   * Property and query-parameter names of the objects this store keeps values of, which a custom
   * field's systemName must not shadow.
   */
  java.util.Set<String> reserved();

  /** A new field: its values can be written from now on. */
  void created(FieldRef field);

  /**
   * A field's definition changes. Fails with a conflict when stored values do not fit the new data
   * type or length; otherwise converts them.
   */
  void changing(FieldRef before, FieldRef after);

  /** A field is deleted: its values go with it. */
  void deleted(FieldRef field);
}
