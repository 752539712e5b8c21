package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.dealstage.DealStageInput;
import com.leadgencrm.opportunities.dealstage.DealStageService;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The DealStage family of the wire protocol: every pipeline's stages. */
@Component
class DealStageMethods implements WireMethod.Table {

  private static final Map<String, WireProperties> TYPES = WireProperties.of(DealStageInput.class);

  private final DealStageService stages;

  DealStageMethods(DealStageService stages) {
    this.stages = stages;
  }

  @Override
  public Map<String, WireMethod> methods() {
    return Map.of(
        "getDealStage",
        call ->
            call.rows("dealStage", call.one(id -> stages.get(id).body()), WireValues.TIMESTAMPS),
        "getDealStages",
        call -> call.rows("dealStage", call.where(TYPES, stages::where), WireValues.TIMESTAMPS),
        "getDealStagesDateRange",
        call -> call.rows("dealStage", call.range(stages::between), WireValues.TIMESTAMPS),
        "createDealStages",
        call ->
            call.createEach(
                TYPES,
                object ->
                    stages.create(WireInput.created(object, DealStageInput.class)).body().id()),
        "updateDealStages",
        call ->
            call.updateEach(
                TYPES,
                DealStageInput.class,
                (id, changes) -> stages.patch(id, changes, IfMatch.NONE).body().id()),
        "deleteDealStages",
        call -> call.deleteEach(id -> stages.delete(id, null, IfMatch.NONE)));
  }
}
