package com.leadgencrm.opportunities.field;

import com.leadgencrm.opportunities.json.JsonInput;
import com.leadgencrm.opportunities.query.Cursors;
import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.web.CsvOutput;
import com.leadgencrm.opportunities.web.IfMatchParameter;
import com.leadgencrm.opportunities.web.JsonBody;
import com.leadgencrm.opportunities.web.MergePatchMapping;
import com.leadgencrm.opportunities.web.QueryParameters;
import com.leadgencrm.opportunities.web.Responses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/fields", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Fields",
    description =
        "Metadata of standard and custom fields. The custom fields of "
            + "opportunities (relationship=opportunity, isCustom=true) are properties of every opportunity.")
class FieldController {

  private final FieldService fields;
  private final Cursors cursors;
  private final CsvOutput csv;

  FieldController(FieldService fields, Cursors cursors, CsvOutput csv) {
    this.csv = csv;
    this.fields = fields;
    this.cursors = cursors;
  }

  @GetMapping
  @Operation(operationId = "listFields", summary = "List fields")
  Page<FieldView> list(@ParameterObject FieldListParams params, QueryParameters query) {
    query.check(FieldListParams.class);
    return fields.list(params, cursors.page(params, FieldService.SORT_KEYS, query.all()));
  }

  /** The whole list (every page) as CSV, for {@code Accept: text/csv}. */
  @GetMapping(produces = CsvOutput.MEDIA_TYPE)
  @Operation(operationId = "listFields", summary = "List fields")
  void listCsv(
      @ParameterObject FieldListParams params,
      QueryParameters query,
      HttpServletResponse response) {
    query.check(FieldListParams.class);
    csv.everyPage(
        response,
        FieldView.class,
        cursor ->
            fields.list(
                params, cursors.pageOfAll(params, cursor, FieldService.SORT_KEYS, query.all())));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "createField",
      summary = "Create a custom field",
      description = "The field is usable at once.")
  ResponseEntity<FieldView> create(@RequestBody @JsonBody(FieldInput.class) JsonNode body) {
    return Responses.created(
        fields.create(JsonInput.read(body, FieldInput.class)),
        created -> "/fields/" + created.id());
  }

  @GetMapping("/{id}")
  @Operation(operationId = "getField", summary = "Read a field")
  @Nullable ResponseEntity<FieldView> get(@PathVariable long id, WebRequest request) {
    return Responses.unlessNotModified(request, fields.get(id));
  }

  @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "replaceField",
      summary = "Replace a custom field",
      description =
          "System fields are read-only (409); " + "systemName and relationship cannot be changed.")
  ResponseEntity<FieldView> replace(
      @PathVariable long id,
      @RequestBody @JsonBody(FieldInput.class) JsonNode body,
      IfMatchParameter ifMatch) {
    return Responses.ok(
        fields.replace(id, JsonInput.read(body, FieldInput.class), ifMatch.parse()));
  }

  @MergePatchMapping(path = "/{id}")
  @Operation(
      operationId = "patchField",
      summary = "Change some properties of a custom field (JSON Merge Patch)")
  ResponseEntity<FieldView> patch(
      @PathVariable long id,
      @RequestBody @JsonBody(FieldInput.class) JsonNode patch,
      IfMatchParameter ifMatch) {
    return Responses.ok(
        fields.patch(id, JsonInput.patch(patch, FieldInput.class), ifMatch.parse()));
  }

  @DeleteMapping("/{id}")
  @Operation(
      operationId = "deleteField",
      summary = "Delete a custom field",
      description = "Its values go with it. System fields cannot be deleted (409).")
  ResponseEntity<Void> delete(@PathVariable long id, IfMatchParameter ifMatch) {
    fields.delete(id, ifMatch.parse());
    return ResponseEntity.noContent().build();
  }
}
