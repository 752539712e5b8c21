package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.field.DataType;
import com.leadgencrm.opportunities.field.FieldRef;
import com.leadgencrm.opportunities.field.FieldService;
import com.leadgencrm.opportunities.json.JsonInput;
import com.leadgencrm.opportunities.opportunity.OpportunityBatches;
import com.leadgencrm.opportunities.opportunity.OpportunityInput;
import com.leadgencrm.opportunities.opportunity.OpportunityOffsetReads;
import com.leadgencrm.opportunities.opportunity.OpportunityQueries;
import com.leadgencrm.opportunities.opportunity.OpportunityService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The Opportunity family of the wire protocol. Custom fields are row keys like any property. */
@Component
class OpportunityMethods implements WireMethod.Table {

  /** Properties of the REST representation that wire rows do not carry (not in the schema). */
  private static final Set<String> REST_ONLY = Set.of("stageChangeTimestamp");

  private static final Map<String, WireProperties> STANDARD =
      WireProperties.of(OpportunityInput.class);

  private final OpportunityQueries queries;
  private final OpportunityOffsetReads reads;
  private final OpportunityService opportunities;
  private final OpportunityBatches batches;
  private final FieldService fields;

  OpportunityMethods(
      OpportunityQueries queries,
      OpportunityOffsetReads reads,
      OpportunityService opportunities,
      OpportunityBatches batches,
      FieldService fields) {
    this.queries = queries;
    this.reads = reads;
    this.opportunities = opportunities;
    this.batches = batches;
    this.fields = fields;
  }

  @Override
  public Map<String, WireMethod> methods() {
    return Map.of(
        "getOpportunity",
        call ->
            call.rows(
                "opportunity", call.one(id -> queries.get(id).body()), dateTimes(), REST_ONLY),
        "getOpportunities",
        call ->
            call.rows(
                "opportunity", call.whereEach(types(), reads::whereEach), dateTimes(), REST_ONLY),
        "getOpportunitiesDateRange",
        call ->
            call.rows("opportunity", call.rangeEach(reads::betweenEach), dateTimes(), REST_ONLY),
        "createOpportunities",
        call ->
            call.writes(
                "creates",
                call.objects(types()),
                true,
                objects ->
                    batches.create(
                        objects.stream()
                            .map(object -> WireInput.created(object, OpportunityInput.class))
                            .toList(),
                        false)),
        "updateOpportunities",
        call ->
            call.writes(
                "updates",
                call.objects(types()),
                false,
                objects ->
                    batches.patch(
                        objects.stream()
                            .map(
                                object ->
                                    new OpportunityBatches.Change(
                                        JsonInput.id(object),
                                        WireInput.changes(object, OpportunityInput.class)))
                            .toList(),
                        false)),
        "deleteOpportunities",
        call -> call.deleteEach(id -> opportunities.delete(id, IfMatch.NONE)));
  }

  /** The standard properties' types, and the custom fields'. */
  private Map<String, WireProperties> types() {
    Map<String, WireProperties> types = new HashMap<>(STANDARD);
    for (FieldRef field : fields.customFields("opportunity")) {
      types.put(field.systemName(), WireProperties.of(field.dataType()));
    }
    return types;
  }

  /** The properties whose values are date-times: rows write them in the version's zone. */
  private Set<String> dateTimes() {
    Set<String> dateTimes = new HashSet<>(WireValues.TIMESTAMPS);
    dateTimes.add("closeDate");
    for (FieldRef field : fields.customFields("opportunity")) {
      if (field.dataType() == DataType.DATETIME) {
        dateTimes.add(field.systemName());
      }
    }
    return dateTimes;
  }
}
