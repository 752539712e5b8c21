package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.query.ListParameterDocs.ChangedFrom;
import com.leadgencrm.opportunities.query.ListParameterDocs.ChangedTo;
import com.leadgencrm.opportunities.query.ListParameterDocs.CreatedFrom;
import com.leadgencrm.opportunities.query.ListParameterDocs.CreatedTo;
import com.leadgencrm.opportunities.query.ListParameterDocs.PageSize;
import com.leadgencrm.opportunities.query.ListParameterDocs.SameQueryCursor;
import com.leadgencrm.opportunities.query.ListParameterDocs.SortKeys;
import com.leadgencrm.opportunities.query.PageParams;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Query parameters of {@code GET /dealStages}. Id filters take several values, repeated or
 * comma-separated.
 */
public record DealStageListParams(
    @Parameter(description = "Only these ids (id=1&id=2, or id=1,2)") @Size(max = 500)
        @Nullable List<Long> id,
    @Parameter(description = "Only the stages of these pipelines (pipelineID=1,51)")
        @Size(max = 500)
        @Nullable List<Long> pipelineID,
    @Parameter(description = "Only editable (true) or locked (false) stages")
        @Nullable Boolean isEditable,
    @Parameter(description = "Case-insensitive search in dealStageName (clos finds Closed Won)")
        @Nullable String q,
    @CreatedFrom @Nullable Instant createTimestampFrom,
    @CreatedTo @Nullable Instant createTimestampTo,
    @ChangedFrom @Nullable Instant updateTimestampFrom,
    @ChangedTo @Nullable Instant updateTimestampTo,
    @SortKeys(
            value = {"weight", "id", "dealStageName", "createTimestamp", "updateTimestamp"},
            byDefault = "weight (pipeline order)")
        @Nullable String sort,
    @PageSize @Nullable Integer limit,
    @SameQueryCursor @Nullable String cursor)
    implements PageParams {}
