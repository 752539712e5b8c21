package com.leadgencrm.opportunities.core;

import io.swagger.v3.oas.annotations.media.Schema;

/** One invalid input: the JSON property or query parameter, and what is wrong with it. */
@Schema(name = "InvalidField")
public record InvalidField(
    @Schema(description = "JSON property or query parameter", example = "dealStageName")
        String field,
    @Schema(description = "What is wrong with it", example = "size must be between 1 and 255")
        String message) {}
