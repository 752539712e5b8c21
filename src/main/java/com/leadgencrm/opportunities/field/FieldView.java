package com.leadgencrm.opportunities.field;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
import com.leadgencrm.opportunities.core.ViewDocs.Timestamp;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A field definition as clients read it. */
@Schema(name = "Field", description = "Metadata of a standard or custom field")
@Representation
public record FieldView(
    @Schema(example = "15") long id,
    @Schema(example = "opportunity", maxLength = 255) String relationship,
    @Schema(example = "contract_type_5f0c3b2a9d1e4", maxLength = 255) String systemName,
    @Schema(example = "Contract type", maxLength = 255) String label,
    @Schema(example = "api", maxLength = 255) @Nullable String source,
    @Schema(
            example = "text",
            allowableValues = {
              "text",
              "textarea",
              "integer",
              "number",
              "boolean",
              "date",
              "datetime",
              "email",
              "url",
              "phone"
            })
        String dataType,
    @Schema(example = "40") int dataLength,
    boolean isRequired,
    boolean isCustom,
    boolean isActive,
    boolean isAvailableInContactManager,
    boolean isEditableInContactManager,
    boolean isAvailableInForms,
    @Schema(description = "Values are unique among opportunities: an external key")
        boolean isUnique,
    @Timestamp Instant createTimestamp,
    @Timestamp Instant updateTimestamp) {

  /**
   * The view of a stored field: its identity and times around what a client writes of it ({@link
   * Field#input}, which always names the field).
   */
  FieldView(long id, FieldInput input, Instant createTimestamp, Instant updateTimestamp) {
    this(
        id,
        input.relationship(),
        Objects.requireNonNull(input.systemName()),
        input.label(),
        input.source(),
        input.dataType(),
        input.dataLength(),
        input.isRequired(),
        input.isCustom(),
        input.isActive(),
        input.isAvailableInContactManager(),
        input.isEditableInContactManager(),
        input.isAvailableInForms(),
        Boolean.TRUE.equals(input.isUnique()),
        createTimestamp,
        updateTimestamp);
  }
}
