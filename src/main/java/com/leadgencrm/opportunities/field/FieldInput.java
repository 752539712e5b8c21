package com.leadgencrm.opportunities.field;

import com.leadgencrm.opportunities.core.CrossFieldRules;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.Name;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A field as clients write it (create and replace; a merge patch is applied onto it). */
@Schema(
    name = "FieldInput",
    description =
        "A field definition as clients write it. Only custom fields "
            + "(isCustom=true) can be created, changed or deleted.")
public record FieldInput(
    @Schema(
            description = "The kind of object the field belongs to; cannot be changed",
            example = "opportunity",
            allowableValues = {"opportunity", "lead"},
            maxLength = 255)
        @NotNull(message = "is required")
        @Pattern(regexp = "opportunity|lead", message = "must be opportunity or lead")
        String relationship,
    @Schema(
            description =
                "The JSON key of the field's values. Generated from the label as "
                    + "<label_slug>_<13 hex digits> when left out; unique whatever the letter case; "
                    + "cannot be changed",
            example = "contract_type_5f0c3b2a9d1e4",
            pattern = "^[A-Za-z][A-Za-z0-9_]*$",
            nullable = true)
        @Size(max = 255)
        @Pattern(
            regexp = "[A-Za-z][A-Za-z0-9_]*",
            message = "must start with a letter and hold only letters, digits and _")
        @Nullable String systemName,
    @Schema(description = "Name shown to people", example = "Contract type") @Name String label,
    @Schema(description = "Where the field comes from", example = "api", nullable = true)
        @Size(max = 255)
        @Nullable String source,
    @Schema(
            description =
                "Type of the field's values: text, textarea, email, url and phone are strings "
                    + "of at most dataLength characters; integer; number (decimal); boolean; date (2026-12-31); "
                    + "datetime (ISO-8601 with offset, returned in UTC)",
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
            },
            maxLength = 255)
        @NotNull(message = "is required")
        @Pattern(
            regexp = DataType.PATTERN,
            message =
                "must be one of "
                    + "text, textarea, integer, number, boolean, date, datetime, email, url, phone")
        String dataType,
    @Schema(
            description =
                "Maximum length of text-like values (1 to 65535); informational for other types",
            example = "40")
        @NotNull(message = "is required")
        @Min(0)
        @Max(65535)
        Integer dataLength,
    @Schema(
            description =
                "Objects must have a value. Turning it on for a field that existing objects lack "
                    + "is allowed; it is enforced on their next create or replace.",
            example = "false")
        @NotNull(message = "is required")
        Boolean isRequired,
    @Schema(description = "Custom (true) or standard (false) field; must be true", example = "true")
        @NotNull(message = "is required")
        Boolean isCustom,
    @Schema(
            description =
                "An inactive field is neither accepted nor returned on objects; its stored values "
                    + "are kept and come back when it is reactivated",
            example = "true")
        @NotNull(message = "is required")
        Boolean isActive,
    @Schema(example = "true") @NotNull(message = "is required") Boolean isAvailableInContactManager,
    @Schema(example = "true") @NotNull(message = "is required") Boolean isEditableInContactManager,
    @Schema(example = "false") @NotNull(message = "is required") Boolean isAvailableInForms,
    @Schema(
            description =
                "Values are unique among opportunities (custom opportunity fields of type text,"
                    + " email, url, phone or integer): an external key, for PUT"
                    + " /opportunities/by/{systemName}/{value}. Turning it on while values repeat"
                    + " is 409 listing them. Defaults to false.",
            example = "false",
            nullable = true)
        @Nullable Boolean isUnique)
    implements CrossFieldRules {

  @Override
  public List<InvalidField> crossFieldErrors() {
    List<InvalidField> errors = new ArrayList<>();
    if (Boolean.FALSE.equals(isCustom)) {
      errors.add(
          new InvalidField(
              "isCustom", "must be true: only custom fields can be created or changed"));
    }
    DataType type = dataType == null ? null : DataType.of(dataType);
    if (type != null && type.textual() && dataLength != null && dataLength < 1) {
      errors.add(new InvalidField("dataLength", "must be at least 1 for data type " + dataType));
    }
    if (Boolean.TRUE.equals(isUnique)
        && (!"opportunity".equals(relationship)
            || (type != null && !FieldRef.KEY_TYPES.contains(type)))) {
      errors.add(
          new InvalidField(
              "isUnique",
              "can be true only for opportunity fields of type text, email, url, phone or"
                  + " integer"));
    }
    return errors;
  }
}
