package com.leadgencrm.opportunities.security;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A new API key, as an administrator asks for it. */
@Schema(name = "ApiKeyInput", description = "A new API key for a user and a role")
public record ApiKeyInput(
    @Schema(description = "The user the key acts for (the ownerID space)", example = "7")
        @NotNull(message = "is required")
        @Min(1)
        @Max(999_999_999_999_999_999L)
        Long userID,
    @Schema(
            example = "SALESPERSON",
            allowableValues = {
              "ADMINISTRATOR",
              "COMPANY_MANAGER",
              "MARKETING_MANAGER",
              "SALES_MANAGER",
              "SALESPERSON",
              "JR_SALESPERSON"
            })
        @NotNull(message = "is required")
        @Pattern(
            regexp =
                "ADMINISTRATOR|COMPANY_MANAGER|MARKETING_MANAGER|SALES_MANAGER|SALESPERSON|JR_SALESPERSON",
            message =
                "must be one of ADMINISTRATOR, COMPANY_MANAGER, MARKETING_MANAGER, SALES_MANAGER, "
                    + "SALESPERSON, JR_SALESPERSON")
        String role,
    @Schema(description = "What the key is for", example = "Zapier integration", nullable = true)
        @Size(max = 255)
        @Nullable String name,
    @Schema(
            description =
                "Requests per second this key may make (bursts of twice as many); "
                    + "the service's default when left out",
            example = "10",
            nullable = true)
        @Min(1)
        @Max(1_000_000)
        @Nullable Integer rateLimitPerSecond) {}
