package com.leadgencrm.opportunities.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * An example of each request body, as Swagger UI shows it for "Try it out": a request that works as
 * shown. Without one, Swagger UI makes one up from the properties' examples, which includes
 * properties that must not go together (an example of every optional property, a custom field that
 * is not wanted, a system name that can be taken once).
 *
 * <p>The examples name what a new database holds (deal stage 2), or what the examples create
 * themselves (opportunity 1051 stands for the one the opportunity example creates).
 */
@Component
@Order(10)
public class RequestExamples implements ApiDocumentPass {

  /** The opportunity the examples create (and the other examples name). */
  public static final String OPPORTUNITY =
      """
      {"ownerID": 7, "dealStageID": 2, "opportunityName": "Acme Corp - 500 seats",
       "amount": 125000.50, "closeDate": "2026-12-31", "primaryLeadID": 905270274}""";

  static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

  static {
    EXAMPLES.put("OpportunityInput", OPPORTUNITY);
    EXAMPLES.put(
        "OpportunityPatch", "{\"amount\": 150000, \"probability\": 70, \"accountID\": null}");
    EXAMPLES.put("OpportunityPatchItem", "{\"id\": 1051, \"amount\": 150000, \"probability\": 70}");
    EXAMPLES.put(
        "OpportunityBatch",
        """
        {"items": [
          {"ownerID": 7, "dealStageID": 2, "opportunityName": "Globex - renewal",
           "amount": 48000, "closeDate": "2026-11-30"},
          {"ownerID": 9, "dealStageID": 3, "opportunityName": "Initech - pilot",
           "closeDate": "2027-01-15T12:00:00Z", "probability": 25}]}""");
    EXAMPLES.put(
        "OpportunityPatchBatch",
        """
        {"items": [{"id": 1051, "probability": 80},
                   {"id": 1052, "isWon": true, "amount": 51000}]}""");
    EXAMPLES.put("OpportunityLeadInput", "{\"opportunityID\": 1051, \"leadID\": 905270275}");
    EXAMPLES.put(
        "OpportunityLeadBatch",
        """
        {"items": [{"opportunityID": 1051, "leadID": 905270276},
                   {"opportunityID": 1051, "leadID": 905270277}]}""");
    EXAMPLES.put(
        "DealStageInput",
        """
        {"dealStageName": "Contract sent", "description": "The contract is with the customer",
         "defaultProbability": 90, "isEditable": true}""");
    EXAMPLES.put("DealStagePatch", "{\"description\": \"Signed contract expected\"}");
    EXAMPLES.put(
        "FieldInput",
        """
        {"relationship": "opportunity", "label": "Contract type", "dataType": "text",
         "dataLength": 50, "isRequired": false, "isCustom": true, "isActive": true,
         "isAvailableInContactManager": true, "isEditableInContactManager": true,
         "isAvailableInForms": false}""");
    EXAMPLES.put("FieldPatch", "{\"label\": \"Contract kind\"}");
    EXAMPLES.put(
        "ApiKeyInput", "{\"userID\": 7, \"role\": \"SALESPERSON\", \"name\": \"Ann's CRM sync\"}");
  }

  @Override
  public void apply(OpenAPI document, @Nullable Object state) {
    Map<String, Schema> schemas = document.getComponents().getSchemas();
    EXAMPLES.forEach(
        (name, json) -> {
          Schema<?> schema = schemas.get(name);
          if (schema != null) {
            schema.setExample(parse(json));
          }
        });
  }

  static Object parse(String json) {
    try {
      return io.swagger.v3.core.util.Json.mapper().readValue(json, Object.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Invalid example " + json, e);
    }
  }
}
