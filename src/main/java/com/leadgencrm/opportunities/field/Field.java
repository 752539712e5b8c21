package com.leadgencrm.opportunities.field;

import com.leadgencrm.opportunities.core.TrackedEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Metadata of a standard (system) or custom field. System fields cannot be changed. */
@Entity
@Table(name = "field")
@SequenceGenerator(sequenceName = "field_id_seq", allocationSize = 50)
class Field extends TrackedEntity {

  private String relationship;
  private String systemName;
  private String label;
  private @Nullable String source;
  private String dataType;
  private int dataLength;
  private boolean isRequired;
  private boolean isCustom;
  private boolean isActive;
  private boolean isAvailableInContactManager;
  private boolean isEditableInContactManager;
  private boolean isAvailableInForms;
  private boolean isUnique;

  @SuppressWarnings("NullAway.Init")
  protected Field() {}

  Field(FieldInput input, String systemName) {
    this.relationship = input.relationship();
    this.systemName = systemName;
    this.isCustom = true;
    set(input);
    created();
  }

  /** Replaces the changeable properties; system fields refuse any change. */
  void replace(FieldInput input) {
    checkChangeable();
    if (input().equals(input)) {
      return;
    }
    set(input);
    changed();
  }

  void checkChangeable() {
    if (!isCustom) {
      throw new SystemFieldReadOnly(systemName);
    }
  }

  private void set(FieldInput input) {
    this.label = input.label();
    this.source = input.source();
    this.dataType = input.dataType();
    this.dataLength = input.dataLength();
    this.isRequired = input.isRequired();
    this.isActive = input.isActive();
    this.isAvailableInContactManager = input.isAvailableInContactManager();
    this.isEditableInContactManager = input.isEditableInContactManager();
    this.isAvailableInForms = input.isAvailableInForms();
    this.isUnique = Boolean.TRUE.equals(input.isUnique());
  }

  String systemName() {
    return systemName;
  }

  String relationship() {
    return relationship;
  }

  DataType dataType() {
    return Objects.requireNonNull(DataType.of(dataType));
  }

  FieldRef ref() {
    return new FieldRef(
        id(),
        relationship,
        systemName,
        dataType(),
        dataLength,
        isRequired,
        isActive,
        isCustom,
        isUnique);
  }

  /** The field as a client would write it: what a replace compares and a patch applies onto. */
  FieldInput input() {
    return new FieldInput(
        relationship,
        systemName,
        label,
        source,
        dataType,
        dataLength,
        isRequired,
        isCustom,
        isActive,
        isAvailableInContactManager,
        isEditableInContactManager,
        isAvailableInForms,
        isUnique);
  }

  FieldView view() {
    return new FieldView(id(), input(), createTimestamp(), updateTimestamp());
  }
}
