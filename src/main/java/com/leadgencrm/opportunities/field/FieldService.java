package com.leadgencrm.opportunities.field;

import com.leadgencrm.opportunities.core.ETags;
import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.InputRules;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.core.Versioned;
import com.leadgencrm.opportunities.event.EventRecorder;
import com.leadgencrm.opportunities.event.EventType;
import com.leadgencrm.opportunities.query.Column;
import com.leadgencrm.opportunities.query.ListQuery;
import com.leadgencrm.opportunities.query.ListStatements;
import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.query.PageSpec;
import com.leadgencrm.opportunities.query.SortKey;
import java.text.Normalizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Field metadata: standard fields (read-only) and custom fields (full life cycle). */
@Service
// reads are one or two statements each: they join a caller's transaction, and need none of their
// own
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class FieldService {

  static final List<SortKey> SORT_KEYS =
      List.of(
          SortKey.id(),
          new SortKey("label", "label", SortKey.Type.TEXT),
          new SortKey("systemName", "system_name", SortKey.Type.TEXT),
          new SortKey("createTimestamp", "create_timestamp", SortKey.Type.INSTANT),
          new SortKey("updateTimestamp", "update_timestamp", SortKey.Type.INSTANT));

  /**
   * Names no custom field can take (lower case): properties and query parameters of every resource,
   * and parameters of their writes.
   */
  private static final Set<String> RESERVED =
      Set.of(
          "id",
          "createtimestamp",
          "updatetimestamp",
          "q",
          "sort",
          "limit",
          "cursor",
          "atomic",
          "moveto",
          "probabilityfrom",
          "probabilityto");

  private static final String COLUMNS =
      """
      id, relationship, system_name, label, source, data_type, data_length, is_required, is_custom,
      is_active, is_available_in_contact_manager, is_editable_in_contact_manager, is_available_in_forms,
      is_unique, create_timestamp, update_timestamp""";

  private final FieldRepository fields;
  private final JdbcClient jdbc;
  private final ListStatements lists;
  private final InputRules rules;
  private final List<CustomFieldValues> values;
  private final FieldCatalog catalog;
  private final EventRecorder recorder;

  FieldService(
      FieldRepository fields,
      JdbcClient jdbc,
      ListStatements lists,
      InputRules rules,
      List<CustomFieldValues> values,
      FieldCatalog catalog,
      EventRecorder recorder) {
    this.catalog = catalog;
    this.recorder = recorder;
    this.fields = fields;
    this.jdbc = jdbc;
    this.lists = lists;
    this.rules = rules;
    this.values = values;
  }

  /** The custom fields of a kind of object, active or not, in id order. */
  @Requires(Permission.READ)
  public List<FieldRef> customFields(String relationship) {
    return catalog.customFields(relationship);
  }

  /** The custom fields as committed now (see {@link FieldCatalog#currentCustomFields}). */
  @Requires(Permission.READ)
  public List<FieldRef> currentCustomFields(String relationship) {
    return catalog.currentCustomFields(relationship);
  }

  @Requires(Permission.READ)
  public Page<FieldView> list(FieldListParams params, PageSpec page) {
    return new ListQuery()
        .anyOf("id", params.id())
        .equal("relationship", params.relationship())
        .equal("system_name", params.systemName())
        .equal("data_type", params.dataType())
        .equal("is_custom", params.isCustom())
        .equal("is_active", params.isActive())
        .equal("is_required", params.isRequired())
        .contains("label", params.q())
        .atLeast("create_timestamp", params.createTimestampFrom())
        .atMost("create_timestamp", params.createTimestampTo())
        .atLeast("update_timestamp", params.updateTimestampFrom())
        .atMost("update_timestamp", params.updateTimestampTo())
        .page(lists, COLUMNS, "field", page, (rs, n) -> view(rs));
  }

  private static FieldView view(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new FieldView(
        rs.getLong("id"),
        rs.getString("relationship"),
        rs.getString("system_name"),
        rs.getString("label"),
        rs.getString("source"),
        rs.getString("data_type"),
        rs.getInt("data_length"),
        rs.getBoolean("is_required"),
        rs.getBoolean("is_custom"),
        rs.getBoolean("is_active"),
        rs.getBoolean("is_available_in_contact_manager"),
        rs.getBoolean("is_editable_in_contact_manager"),
        rs.getBoolean("is_available_in_forms"),
        rs.getBoolean("is_unique"),
        rs.getObject("create_timestamp", OffsetDateTime.class).toInstant(),
        rs.getObject("update_timestamp", OffsetDateTime.class).toInstant());
  }

  static final Map<String, Column> WHERE_COLUMNS =
      Column.columns(
          "id:id:LONG",
          "relationship:relationship:TEXT",
          "systemName:system_name:TEXT",
          "label:label:TEXT",
          "source:source:TEXT",
          "dataType:data_type:TEXT",
          "dataLength:data_length:LONG",
          "isRequired:is_required:BOOLEAN",
          "isCustom:is_custom:BOOLEAN",
          "isActive:is_active:BOOLEAN",
          "isAvailableInContactManager:is_available_in_contact_manager:BOOLEAN",
          "isEditableInContactManager:is_editable_in_contact_manager:BOOLEAN",
          "isAvailableInForms:is_available_in_forms:BOOLEAN",
          "createTimestamp:create_timestamp:INSTANT",
          "updateTimestamp:update_timestamp:INSTANT");

  /** Fields whose properties equal the given values, in id order: the wire protocol's where. */
  @Requires(Permission.READ)
  public List<FieldView> where(Map<String, String> equalities, int limit, int offset) {
    return new ListQuery()
        .equalities(equalities, WHERE_COLUMNS)
        .rows(lists, COLUMNS, "field", limit, offset, (rs, n) -> view(rs));
  }

  /** Fields created (or changed) within [from, to], in id order. */
  @Requires(Permission.READ)
  public List<FieldView> between(boolean created, Instant from, Instant to, int limit, int offset) {
    return new ListQuery()
        .changedWithin(created, from, to)
        .rows(lists, COLUMNS, "field", limit, offset, (rs, n) -> view(rs));
  }

  /** The id of the field with this systemName; the wire protocol deletes fields by systemName. */
  @Requires(Permission.READ)
  public Optional<FieldView> bySystemName(String systemName) {
    return jdbc.sql("select " + COLUMNS + " from field where system_name = :name")
        .param("name", systemName)
        .query((rs, n) -> view(rs))
        .optional();
  }

  @Requires(Permission.READ)
  public Versioned<FieldView> get(long id) {
    return versioned(fields.findById(id).orElseThrow(() -> new FieldNotFound(id)));
  }

  @Transactional
  @Requires(Permission.WRITE_FIELDS)
  public Versioned<FieldView> create(Submitted<FieldInput> submitted) {
    catalog.lockForChange();
    List<InvalidField> errors = new ArrayList<>();
    if (submitted.value("systemName") instanceof String given && reserved(given)) {
      errors.add(
          new InvalidField("systemName", "is reserved: it names a property or query parameter"));
    }
    FieldInput input = rules.valid(submitted, errors);
    String systemName =
        input.systemName() != null ? input.systemName() : generateSystemName(input.label());
    if (fields.systemNameTaken(systemName)) {
      throw new SystemNameTaken(systemName);
    }
    Field created;
    try {
      created = fields.saveAndFlush(new Field(input, systemName));
    } catch (DataIntegrityViolationException e) {
      throw new SystemNameTaken(systemName);
    }
    storesOf(created.relationship()).forEach(store -> store.created(created.ref()));
    catalog.changedInThisTransaction();
    recorder.record(EventType.FIELD_CREATED, created.id(), null, created.view());
    return versioned(created);
  }

  @Transactional
  @Requires(Permission.WRITE_FIELDS)
  public Versioned<FieldView> replace(long id, Submitted<FieldInput> submitted, IfMatch ifMatch) {
    Field field = lockForChange(id, ifMatch);
    FieldInput input = rules.valid(submitted, immutableErrors(submitted, field));
    return versioned(apply(field, input));
  }

  /** Applies a JSON Merge Patch (RFC 7396) to the field's properties. */
  @Transactional
  @Requires(Permission.WRITE_FIELDS)
  public Versioned<FieldView> patch(long id, Submitted<FieldInput> patch, IfMatch ifMatch) {
    Field field = lockForChange(id, ifMatch);
    FieldInput input = rules.validPatch(patch, field.input(), immutableErrors(patch, field));
    return versioned(apply(field, input));
  }

  @Transactional
  @Requires(Permission.WRITE_FIELDS)
  public void delete(long id, IfMatch ifMatch) {
    Field field = lockForChange(id, ifMatch);
    FieldView last = field.view();
    storesOf(field.relationship()).forEach(store -> store.deleted(field.ref()));
    fields.delete(field);
    fields.flush();
    catalog.changedInThisTransaction();
    recorder.record(EventType.FIELD_DELETED, id, last, null);
  }

  /**
   * Deletes the custom field with this systemName (the wire protocol names fields by it). A
   * standard field is refused as {@link NotACustomField}.
   */
  @Transactional
  @Requires(Permission.WRITE_FIELDS)
  public void deleteCustom(String systemName) {
    FieldView field = bySystemName(systemName).orElseThrow(() -> new FieldNotFound(systemName));
    if (!field.isCustom()) {
      throw new NotACustomField(systemName);
    }
    delete(field.id(), IfMatch.NONE);
  }

  private Field lockForChange(long id, IfMatch ifMatch) {
    catalog.lockForChange();
    Field field = fields.findForUpdateById(id).orElseThrow(() -> new FieldNotFound(id));
    ifMatch.check(ETags.of(field.version()));
    field.checkChangeable();
    return field;
  }

  private Field apply(Field field, FieldInput input) {
    FieldView last = field.view();
    FieldRef before = field.ref();
    field.replace(input);
    FieldRef after = field.ref();
    if (!after.equals(before)) {
      storesOf(field.relationship()).forEach(store -> store.changing(before, after));
    }
    Field saved = fields.saveAndFlush(field);
    catalog.changedInThisTransaction();
    recorder.record(EventType.FIELD_UPDATED, saved.id(), last, saved.view());
    return saved;
  }

  private static List<InvalidField> immutableErrors(Submitted<FieldInput> submitted, Field field) {
    List<InvalidField> errors = new ArrayList<>();
    unchanged(submitted, "systemName", field.systemName(), errors);
    unchanged(submitted, "relationship", field.relationship(), errors);
    return errors;
  }

  private List<CustomFieldValues> storesOf(String relationship) {
    return values.stream().filter(store -> store.holds(relationship)).toList();
  }

  /** Immutable properties may be repeated (a client sending back what it read), never changed. */
  private static void unchanged(
      Submitted<FieldInput> submitted, String property, String current, List<InvalidField> errors) {
    Object value = submitted.value(property);
    if (value != null && !value.equals(current)) {
      errors.add(new InvalidField(property, "cannot be changed (it is '" + current + "')"));
    }
  }

  /** {@code <label_slug>_<13 hex digits>}, such as {@code contract_type_5f0c3b2a9d1e4}. */
  static String generateSystemName(String label) {
    String ascii =
        Normalizer.normalize(label.replace("ß", "ss"), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "");
    String slug =
        ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    if (slug.isEmpty() || !Character.isLetter(slug.charAt(0))) {
      slug = "field" + (slug.isEmpty() ? "" : "_" + slug);
    }
    if (slug.length() > 241) {
      slug = slug.substring(0, 241).replaceAll("_+$", "");
    }
    long random = ThreadLocalRandom.current().nextLong() & 0xF_FFFF_FFFF_FFFFL;
    return slug + "_" + String.format("%013x", random);
  }

  /**
   * Whether a systemName is taken by a property or query parameter: the ones every resource has,
   * and the ones the features that keep custom values name ({@link CustomFieldValues#reserved}).
   */
  private boolean reserved(String systemName) {
    String name = systemName.toLowerCase(Locale.ROOT);
    return RESERVED.contains(name)
        || values.stream()
            .anyMatch(
                store -> store.reserved().stream().anyMatch(taken -> taken.equalsIgnoreCase(name)));
  }

  private static Versioned<FieldView> versioned(Field field) {
    return new Versioned<>(field.view(), ETags.of(field.version()));
  }
}
