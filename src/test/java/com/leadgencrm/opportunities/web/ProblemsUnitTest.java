package com.leadgencrm.opportunities.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.AlreadyExists;
import com.leadgencrm.opportunities.core.ConcurrentModification;
import com.leadgencrm.opportunities.core.Conflict;
import com.leadgencrm.opportunities.core.ConstraintConflict;
import com.leadgencrm.opportunities.core.Forbidden;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.NotFound;
import com.leadgencrm.opportunities.core.PreconditionFailed;
import com.leadgencrm.opportunities.core.Refusal;
import com.leadgencrm.opportunities.core.ValueRefused;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The REST adapter answers each of the service's refusals, by its type, with one problem. */
class ProblemsUnitTest {

  /** A conflict with extension members, as DealStageInUse and AssociationExists have. */
  static final class Taken extends Conflict implements AlreadyExists {
    Taken() {
      super("Lead 42 is already associated with opportunity 7 (opportunity lead 3)");
    }

    @Override
    public Map<String, Object> properties() {
      return Map.of("existingId", 3L);
    }
  }

  /** A refusal no adapter knows by name yet. */
  static final class Unnamed extends Refusal {
    Unnamed() {
      super("Something the client sent");
    }
  }

  static void assertProblem(ProblemDetail problem, int status, String title, String detail) {
    assertThat(problem.getStatus()).isEqualTo(status);
    assertThat(problem.getTitle()).isEqualTo(title);
    assertThat(problem.getDetail()).isEqualTo(detail);
  }

  @Test
  void invalidInputIs400NamingEachField() {
    ProblemDetail one = Problems.of(new InvalidInput("amount", "must be a number"));
    assertProblem(one, 400, "Bad Request", "Invalid 'amount': must be a number");
    assertThat(one.getProperties())
        .isEqualTo(Map.of("errors", List.of(new InvalidField("amount", "must be a number"))));

    ProblemDetail several =
        Problems.of(
            new InvalidInput(
                List.of(
                    new InvalidField("amount", "must be a number"),
                    new InvalidField("ownerID", "is required"))));
    assertProblem(several, 400, "Bad Request", "2 invalid fields; see errors");
    assertThat(several.getProperties().get("errors"))
        .isEqualTo(
            List.of(
                new InvalidField("amount", "must be a number"),
                new InvalidField("ownerID", "is required")));

    ProblemDetail wholeBody =
        Problems.of(new InvalidInput("", "the request body must be a JSON object"));
    assertProblem(
        wholeBody, 400, "Bad Request", "Invalid request: the request body must be a JSON object");
  }

  @Test
  void notFoundIs404() {
    ProblemDetail problem = Problems.of(new NotFound("Opportunity", 5));
    assertProblem(problem, 404, "Not Found", "Opportunity 5 does not exist");
    assertThat(problem.getProperties()).isNull();
  }

  @Test
  void aConflictIs409WithItsPropertiesAsExtensionMembers() {
    ProblemDetail problem = Problems.of(new Taken());
    assertProblem(
        problem,
        409,
        "Conflict",
        "Lead 42 is already associated with opportunity 7 (opportunity lead 3)");
    assertThat(problem.getProperties()).isEqualTo(Map.of("existingId", 3L));

    assertProblem(
        Problems.of(new ConcurrentModification()),
        409,
        "Conflict",
        "The resource was changed by another request at the same time; read it again and retry");
    assertProblem(
        Problems.of(new ConstraintConflict()),
        409,
        "Conflict",
        "The change conflicts with the current state of another resource");
  }

  @Test
  void forbiddenIs403AndNamesThePropertyWhenItIsAboutOne() {
    ProblemDetail owner =
        Problems.of(
            new Forbidden(
                "ownerID",
                "A SALESPERSON cannot create opportunities for another owner: ownerID must be 7"));
    assertProblem(
        owner,
        403,
        "Forbidden",
        "A SALESPERSON cannot create opportunities for another owner: ownerID must be 7");
    assertThat(owner.getProperties())
        .isEqualTo(
            Map.of(
                "errors",
                List.of(
                    new InvalidField(
                        "ownerID",
                        "A SALESPERSON cannot create opportunities for another owner: ownerID must be 7"))));

    ProblemDetail general = Problems.of(new Forbidden("", "Not for this role"));
    assertProblem(general, 403, "Forbidden", "Not for this role");
    assertThat(general.getProperties()).isNull();
  }

  @Test
  void aStaleIfMatchIs412() {
    assertProblem(
        Problems.of(new PreconditionFailed("\"3\"")),
        412,
        "Precondition Failed",
        "If-Match does not match the current entity tag \"3\"; read the resource again and retry");
  }

  @Test
  void aValueTheDatabaseRefusesAndAnyUnnamedRefusalAre400() {
    assertProblem(
        Problems.of(new ValueRefused()),
        400,
        "Bad Request",
        "The request holds a value the database does not accept");
    assertProblem(Problems.of(new Unnamed()), 400, "Bad Request", "Something the client sent");
  }

  @Test
  void aProblemsTitleIsTheReasonPhraseOfItsStatus() {
    assertThat(Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "too big").getTitle())
        .isEqualTo("Content Too Large");
    assertThat(
            Problems.problem(org.springframework.http.HttpStatusCode.valueOf(599), null).getTitle())
        .isEqualTo("Error");
  }

  @Test
  void theInstanceIsTheRequestPathWhenItIsAUriReference() {
    ProblemDetail problem = Problems.problem(HttpStatus.NOT_FOUND, "x");
    Problems.setInstance(problem, "/opportunities/5");
    assertThat(problem.getInstance()).isEqualTo(URI.create("/opportunities/5"));

    ProblemDetail notAUri = Problems.problem(HttpStatus.NOT_FOUND, "x");
    Problems.setInstance(notAUri, "/opportunities/a b|c");
    assertThat(notAUri.getInstance()).isNull();
  }
}
