package com.leadgencrm.opportunities.field;

import com.leadgencrm.opportunities.core.Conflict;
import java.util.List;
import java.util.Map;

/** Stored values of a field do not fit its new data type or length. */
public class ValuesDoNotConvert extends Conflict {

  private final long count;
  private final List<Long> examples;

  public ValuesDoNotConvert(String systemName, String target, long count, List<Long> examples) {
    super(
        count
            + " stored values of '"
            + systemName
            + "' do not convert to "
            + target
            + "; change or clear them first (examples in objectIds)");
    this.count = count;
    this.examples = List.copyOf(examples);
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("valueCount", count, "objectIds", examples);
  }
}
