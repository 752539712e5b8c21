package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.NotFound;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.PreconditionFailed;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.core.Values.TypeMismatch;
import com.leadgencrm.opportunities.core.Versioned;
import com.leadgencrm.opportunities.field.FieldRef;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Upserts by external key ({@code PUT /opportunities/by/{systemName}/{value}}): the opportunity
 * holding the value of a unique custom field is replaced, or one is created with it. Upserts of one
 * value take turns (a transaction-level advisory lock on the field and value), so that concurrent
 * ones make one opportunity: the first creates it, the others find and replace it.
 */
@Service
public class OpportunityUpserts {

  /** What an upsert did: the opportunity as a read returns it, and whether it was created. */
  public record Upserted(Versioned<OpportunityView> opportunity, boolean created) {}

  private final OpportunityService opportunities;
  private final OpportunityFields fields;
  private final CustomValues customValues;
  private final ExternalKeys keys;
  private final JdbcClient jdbc;

  OpportunityUpserts(
      OpportunityService opportunities,
      OpportunityFields fields,
      CustomValues customValues,
      ExternalKeys keys,
      JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.opportunities = opportunities;
    this.fields = fields;
    this.customValues = customValues;
    this.keys = keys;
  }

  /**
   * The path's value as the key field's JSON value (a number for an integer field), which the
   * adapter puts in the body; 404 when no active unique custom field has this systemName.
   */
  @Requires(Permission.READ)
  public Object keyValue(String systemName, String value) {
    FieldRef field = keyField(systemName);
    try {
      return customValues.filter(field, value);
    } catch (TypeMismatch e) {
      throw new InvalidInput("value", e.getMessage());
    }
  }

  /**
   * Replaces the opportunity holding {@code value} of the unique field, or creates it; the body
   * carries the value (see {@link #keyValue}).
   */
  @Transactional
  @Requires(Permission.WRITE_OPPORTUNITIES)
  public Upserted upsert(
      String systemName, String value, Submitted<OpportunityInput> submitted, IfMatch ifMatch) {
    FieldRef field = keyField(systemName);
    String text = ExternalKeys.text(keyValue(systemName, value));
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .param("key", "opportunity_key:" + field.id() + ":" + text)
        .query()
        .listOfRows();
    Optional<Long> holder = keys.holder(field, text);
    if (holder.isPresent()) {
      return new Upserted(opportunities.replace(holder.get(), submitted, ifMatch), false);
    }
    if (ifMatch.etags() != null) {
      // the client expects a representation that does not exist
      throw new PreconditionFailed("(none: no opportunity holds " + text + ")");
    }
    return new Upserted(opportunities.create(submitted), true);
  }

  private FieldRef keyField(String systemName) {
    FieldRef field = fields.definitions().active(systemName);
    if (field == null || !field.isUnique()) {
      throw new NotFound("Unique custom field", systemName);
    }
    return field;
  }
}
