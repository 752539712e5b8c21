package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.opportunity.OpportunityLeadInput;
import com.leadgencrm.opportunities.opportunity.OpportunityLeadService;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The OpportunityLead family of the wire protocol. */
@Component
class OpportunityLeadMethods implements WireMethod.Table {

  private static final Map<String, WireProperties> TYPES =
      WireProperties.of(OpportunityLeadInput.class);

  private final OpportunityLeadService leads;

  OpportunityLeadMethods(OpportunityLeadService leads) {
    this.leads = leads;
  }

  @Override
  public Map<String, WireMethod> methods() {
    return Map.of(
        "getOpportunityLead",
        call ->
            call.rows(
                "opportunityLead", call.one(id -> leads.get(id).body()), WireValues.TIMESTAMPS),
        "getOpportunityLeads",
        call ->
            call.rows(
                "getWhereopportunityLeads", call.where(TYPES, leads::where), WireValues.TIMESTAMPS),
        "getOpportunityLeadsDateRange",
        call -> call.rows("opportunityLead", call.range(leads::between), WireValues.TIMESTAMPS),
        "createOpportunityLeads",
        call ->
            call.writes(
                "creates",
                call.objects(TYPES),
                true,
                objects ->
                    leads.createAll(
                        objects.stream()
                            .map(object -> WireInput.created(object, OpportunityLeadInput.class))
                            .toList(),
                        false)),
        "updateOpportunityLeads",
        call ->
            call.updateEach(
                TYPES, OpportunityLeadInput.class, (id, changes) -> leads.update(id, changes).id()),
        "deleteOpportunityLeads",
        call -> call.deleteEach(id -> leads.delete(id, IfMatch.NONE)));
  }
}
