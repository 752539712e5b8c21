package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.query.PageSpec;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Set;

/**
 * The {@code text/csv} answers of the lists and the summary, as the document says them: the same
 * operation as the JSON answer, chosen by {@code Accept}.
 */
final class CsvAnswers {

  /** The GET operations that answer {@code text/csv} too. */
  static final Set<String> PATHS =
      Set.of("/opportunities", "/opportunities/summary", "/dealStages", "/fields");

  private static final String DESCRIBED =
      " With Accept: text/csv, the answer is CSV (RFC 4180, UTF-8, CRLF): a header row of the"
          + " property names (custom fields included), then one line per row; every row the"
          + " filters select, not one page (limit and cursor are not used), streamed. A text cell"
          + " starting with =, +, -, @, tab or CR has a leading ' (no spreadsheet formulas).";

  private CsvAnswers() {}

  static void document(String path, PathItem.HttpMethod method, Operation operation) {
    if ((path.equals("/opportunities/summary")
            || path.equals("/opportunities/waterfall")
            || path.equals("/opportunities/stageFlow"))
        && operation.getParameters() != null) {
      // the summary takes the list's filters, not its paging: one answer
      operation
          .getParameters()
          .removeIf(
              p -> "query".equals(p.getIn()) && PageSpec.PAGING_PARAMETERS.contains(p.getName()));
    }
    if (method != PathItem.HttpMethod.GET || !PATHS.contains(path)) {
      return;
    }
    ApiResponse ok = operation.getResponses().get("200");
    if (ok == null || ok.getContent() == null) {
      return;
    }
    ok.getContent()
        .addMediaType(
            CsvOutput.MEDIA_TYPE,
            new MediaType()
                .schema(new StringSchema().description("CSV: a header row, then one line per row"))
                .example("id,opportunityName,amount\r\n1051,\"Acme, Inc.\",125000.50\r\n"));
    String description = operation.getDescription();
    operation.setDescription(
        description == null || description.isBlank() ? DESCRIBED.strip() : description + DESCRIBED);
  }
}
