package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.field.FieldRef;
import com.leadgencrm.opportunities.field.FieldService;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The custom opportunity fields a read or a write works with. */
@Component
class OpportunityFields {

  private final FieldService fields;
  private final JdbcClient jdbc;
  private volatile @Nullable CustomFieldDefinitions last;

  OpportunityFields(FieldService fields, JdbcClient jdbc) {
    this.fields = fields;
    this.jdbc = jdbc;
  }

  /** The custom opportunity fields, as this request sees them. */
  CustomFieldDefinitions definitions() {
    return of(fields.customFields("opportunity"));
  }

  /**
   * The definitions a write validates against. The shared table lock comes first, so that a field
   * change that converts or removes stored values (which locks the table exclusively) is either
   * wholly before this write or wholly after it.
   */
  CustomFieldDefinitions forWrite() {
    jdbc.sql("lock table opportunity in row exclusive mode").update();
    return of(fields.currentCustomFields("opportunity"));
  }

  /** Built once per list of definitions: the list instance changes when the definitions do. */
  private CustomFieldDefinitions of(List<FieldRef> custom) {
    CustomFieldDefinitions previous = last;
    if (previous != null && previous.source() == custom) {
      return previous;
    }
    CustomFieldDefinitions built = new CustomFieldDefinitions(custom);
    last = built;
    return built;
  }
}
