package com.leadgencrm.opportunities.opportunity;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The declared query parameters of {@code GET /opportunities}: they win over custom fields. */
final class OpportunityListParamNames {

  private OpportunityListParamNames() {}

  static final Set<String> DECLARED =
      Arrays.stream(OpportunityListParams.class.getRecordComponents())
          .map(RecordComponent::getName)
          .collect(Collectors.toUnmodifiableSet());
}
