package com.leadgencrm.opportunities.pubapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.AlreadyExists;
import com.leadgencrm.opportunities.core.ConcurrentModification;
import com.leadgencrm.opportunities.core.Conflict;
import com.leadgencrm.opportunities.core.Forbidden;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.NotFound;
import com.leadgencrm.opportunities.core.PreconditionFailed;
import com.leadgencrm.opportunities.core.Refusal;
import com.leadgencrm.opportunities.core.ValueRefused;
import com.leadgencrm.opportunities.field.NotACustomField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import tools.jackson.databind.json.JsonMapper;

/** The wire protocol's code for each of the service's refusals, by type (SPEC §4). */
class WireErrorsUnitTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  static final class Taken extends Conflict implements AlreadyExists {
    private final Map<String, Object> properties;

    Taken(Map<String, Object> properties) {
      super(
          "A deal stage named 'Demo' already exists (names are unique whatever their letter case)");
      this.properties = properties;
    }

    @Override
    public Map<String, Object> properties() {
      return properties;
    }
  }

  static final class Locked extends Conflict {
    Locked() {
      super("Deal stage 6 is not editable: it can only be made editable again (isEditable=true)");
    }
  }

  /** The error object as a client reads it. */
  static String wire(Refusal refusal) {
    return JSON.writeValueAsString(WireErrors.of(refusal).object());
  }

  static String json(String text) {
    return JSON.writeValueAsString(JSON.readTree(text));
  }

  @Test
  void alreadyExistsIs301WithTheExistingIdWhenKnown() {
    assertThat(wire(new Taken(Map.of("existingId", 12L))))
        .isEqualTo(
            json(
                """
                {"code":301,"message":"Entry already exists: A deal stage named 'Demo' already exists (names are unique whatever their letter case)","data":[{"id":12}]}"""));
    assertThat(wire(new Taken(Map.of())))
        .isEqualTo(
            json(
                """
                {"code":301,"message":"Entry already exists: A deal stage named 'Demo' already exists (names are unique whatever their letter case)","data":[]}"""));
  }

  @Test
  void notFoundConflictingAndStaleAre302() {
    assertThat(wire(new NotFound("Opportunity", 999999999999L)))
        .isEqualTo(
            json(
                """
                {"code":302,"message":"No table rows affected: Opportunity 999999999999 does not exist","data":[]}"""));
    assertThat(wire(new Locked()))
        .isEqualTo(
            json(
                """
                {"code":302,"message":"No table rows affected: Deal stage 6 is not editable: it can only be made editable again (isEditable=true)","data":[]}"""));
    assertThat(wire(new ConcurrentModification()))
        .isEqualTo(
            json(
                """
                {"code":302,"message":"No table rows affected: The resource was changed by another request at the same time; read it again and retry","data":[]}"""));
    assertThat(wire(new PreconditionFailed("\"3\"")))
        .isEqualTo(
            json(
                """
                {"code":302,"message":"No table rows affected: If-Match does not match the current entity tag \\"3\\"; read the resource again and retry","data":[]}"""));
  }

  @Test
  void aStandardFieldThatCannotBeDeletedIs211() {
    NotACustomField standard = Mockito.mock(NotACustomField.class);
    assertThat(wire(standard))
        .isEqualTo(
            json("{\"code\":211,\"message\":\"Only custom fields can be deleted\",\"data\":[]}"));
  }

  @Test
  void anInvalidFieldIs205NamingIt() {
    assertThat(wire(new InvalidInput("opportunityName", "is required")))
        .isEqualTo(
            json(
                """
                {"code":205,"message":"Invalid parameters: opportunityName is required","data":[{"field":"opportunityName","message":"is required"}]}"""));
  }

  @Test
  void severalInvalidFieldsAre205ListingEveryOne() {
    assertThat(
            wire(
                new InvalidInput(
                    List.of(
                        new InvalidField("closeDate", "is required"),
                        new InvalidField("opportunityName", "is required")))))
        .isEqualTo(
            json(
                """
                {"code":205,"message":"Invalid parameters: 2 invalid fields; see data","data":[{"field":"closeDate","message":"is required"},{"field":"opportunityName","message":"is required"}]}"""));
  }

  @Test
  void anObjectThatIsInvalidAsAWholeIs205NotMalformed() {
    assertThat(wire(new InvalidInput("", "the request body must be a JSON object")))
        .isEqualTo(
            json(
                """
                {"code":205,"message":"Invalid parameters: the request body must be a JSON object","data":[{"field":"","message":"the request body must be a JSON object"}]}"""));
  }

  @Test
  void aForbiddenValueOfAPropertyIs205NamingIt() {
    assertThat(
            wire(
                new Forbidden(
                    "ownerID",
                    "A SALESPERSON cannot create opportunities for another owner: ownerID must be 7")))
        .isEqualTo(
            json(
                """
                {"code":205,"message":"Invalid parameters: ownerID A SALESPERSON cannot create opportunities for another owner: ownerID must be 7","data":[{"field":"ownerID","message":"A SALESPERSON cannot create opportunities for another owner: ownerID must be 7"}]}"""));
  }

  @Test
  void anyOtherRefusalIs205WithItsMessage() {
    assertThat(wire(new ValueRefused()))
        .isEqualTo(
            json(
                """
                {"code":205,"message":"Invalid parameters: The request holds a value the database does not accept","data":[{"message":"The request holds a value the database does not accept"}]}"""));
    assertThat(wire(new Forbidden("", "Not for this role")))
        .isEqualTo(
            json(
                """
                {"code":205,"message":"Invalid parameters: Not for this role","data":[{"message":"Not for this role"}]}"""));
  }
}
