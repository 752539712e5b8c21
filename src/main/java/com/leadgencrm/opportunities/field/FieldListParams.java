package com.leadgencrm.opportunities.field;

import com.leadgencrm.opportunities.query.ListParameterDocs.ChangedFrom;
import com.leadgencrm.opportunities.query.ListParameterDocs.ChangedTo;
import com.leadgencrm.opportunities.query.ListParameterDocs.CreatedFrom;
import com.leadgencrm.opportunities.query.ListParameterDocs.CreatedTo;
import com.leadgencrm.opportunities.query.ListParameterDocs.OneOf;
import com.leadgencrm.opportunities.query.ListParameterDocs.PageSize;
import com.leadgencrm.opportunities.query.ListParameterDocs.SameQueryCursor;
import com.leadgencrm.opportunities.query.ListParameterDocs.SortKeys;
import com.leadgencrm.opportunities.query.PageParams;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Query parameters of {@code GET /fields}. Id filters take several values, repeated or
 * comma-separated.
 */
public record FieldListParams(
    @Parameter(description = "Only these ids (id=1&id=2, or id=1,2)") @Size(max = 500)
        @Nullable List<Long> id,
    @Parameter(
            description = "Only fields of this kind of object",
            schema =
                @Schema(
                    type = "string",
                    allowableValues = {"opportunity", "lead"}))
        @Nullable String relationship,
    @Parameter(description = "Only the field with this systemName") @Nullable String systemName,
    @Parameter(description = "Only fields of this data type") @OneOf(DataType.class)
        @Nullable String dataType,
    @Parameter(description = "Custom (true) or standard (false) fields") @Nullable Boolean isCustom,
    @Parameter(description = "Active or inactive fields") @Nullable Boolean isActive,
    @Parameter(description = "Required or optional fields") @Nullable Boolean isRequired,
    @Parameter(description = "Case-insensitive search in label (contract finds Contract type)")
        @Nullable String q,
    @CreatedFrom @Nullable Instant createTimestampFrom,
    @CreatedTo @Nullable Instant createTimestampTo,
    @ChangedFrom @Nullable Instant updateTimestampFrom,
    @ChangedTo @Nullable Instant updateTimestampTo,
    @SortKeys({"id", "label", "systemName", "createTimestamp", "updateTimestamp"})
        @Nullable String sort,
    @PageSize @Nullable Integer limit,
    @SameQueryCursor @Nullable String cursor)
    implements PageParams {}
