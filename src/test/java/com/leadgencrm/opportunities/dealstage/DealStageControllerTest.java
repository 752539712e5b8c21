package com.leadgencrm.opportunities.dealstage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.leadgencrm.opportunities.core.Forbidden;
import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.PreconditionFailed;
import com.leadgencrm.opportunities.core.ServerSecrets;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.core.Versioned;
import com.leadgencrm.opportunities.limits.LimitsProperties;
import jakarta.servlet.Filter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * How the REST adapter translates a service's results and refusals into HTTP, with the service
 * mocked: entity tags, conditional reads, Location, and a problem for each refusal type.
 *
 * <p>The slice holds the controller, the problem advice, the query-record binding and the strict
 * JSON configuration. Boot 4's {@code @WebMvcTest} does not pick up the service's own security
 * filter chains (they are {@code @Bean}s of {@code @Configuration} classes, and its type filter no
 * longer includes {@code SecurityFilterChain}s), but auto-configures Spring Security's default
 * chain; authentication is the full application's contract (ApiKeyTest, PermissionMatrixTest), so
 * the slice runs without servlet filters: the security chain and the service's own filters (size
 * limit, idempotency, wire protocol) are left out.
 */
@WebMvcTest(
    controllers = DealStageController.class,
    includeFilters =
        @ComponentScan.Filter(
            type = FilterType.REGEX,
            pattern =
                "com\\.leadgencrm\\.opportunities\\.(json\\.JsonConfiguration|query\\.Cursors|web\\.CsvOutput)"),
    excludeFilters =
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = Filter.class))
@AutoConfigureMockMvc(addFilters = false)
@EnableConfigurationProperties(LimitsProperties.class)
class DealStageControllerTest {

  static final Instant CREATED = Instant.parse("2026-03-01T09:30:00.123456Z");
  static final DealStageView DEMO =
      new DealStageView(
          51, "Demo", "Shown", new BigDecimal("30"), 8, 1, true, CREATED, CREATED.plusSeconds(60));
  static final String DEMO_JSON =
      """
      {"id":51,"dealStageName":"Demo","description":"Shown","defaultProbability":30,"weight":8,\
      "pipelineID":1,"isEditable":true,"createTimestamp":"2026-03-01T09:30:00.123456Z",\
      "updateTimestamp":"2026-03-01T09:31:00.123456Z"}""";

  @Autowired MockMvcTester mvc;
  @MockitoBean ServerSecrets secrets;

  @BeforeEach
  void cursorsAreSignedWithATestSecret() {
    given(secrets.get("cursor")).willReturn(new byte[32]);
  }

  @MockitoBean DealStageService stages;

  // ---- entity tags

  @Test
  void aReadCarriesTheEtagOfItsVersion() {
    given(stages.get(51)).willReturn(new Versioned<>(DEMO, "\"3\""));
    assertThat(mvc.get().uri("/dealStages/51"))
        .hasStatusOk()
        .hasHeader("ETag", "\"3\"")
        .hasContentType(MediaType.APPLICATION_JSON)
        .bodyJson()
        .isStrictlyEqualTo(DEMO_JSON);
  }

  @Test
  void aReadWithTheCurrentEtagIsNotModified() {
    given(stages.get(51)).willReturn(new Versioned<>(DEMO, "\"3\""));
    assertThat(mvc.get().uri("/dealStages/51").header("If-None-Match", "\"3\""))
        .hasStatus(HttpStatus.NOT_MODIFIED)
        .hasHeader("ETag", "\"3\"")
        .body()
        .isEmpty();
    assertThat(mvc.get().uri("/dealStages/51").header("If-None-Match", "\"1\", \"3\""))
        .hasStatus(HttpStatus.NOT_MODIFIED);
  }

  @Test
  void aReadWithAnOldEtagIsTheWholeRepresentation() {
    given(stages.get(51)).willReturn(new Versioned<>(DEMO, "\"3\""));
    assertThat(mvc.get().uri("/dealStages/51").header("If-None-Match", "\"2\""))
        .hasStatusOk()
        .hasHeader("ETag", "\"3\"")
        .bodyJson()
        .isStrictlyEqualTo(DEMO_JSON);
  }

  @Test
  void aCreateAnswers201WithLocationAndEtag() {
    given(stages.create(any())).willReturn(new Versioned<>(DEMO, "\"0\""));
    assertThat(
            mvc.post()
                .uri("/dealStages")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"dealStageName\":\"Demo\",\"description\":\"Shown\",\"defaultProbability\":30}"))
        .hasStatus(HttpStatus.CREATED)
        .hasHeader("Location", "/dealStages/51")
        .hasHeader("ETag", "\"0\"")
        .bodyJson()
        .isStrictlyEqualTo(DEMO_JSON);

    @SuppressWarnings("unchecked")
    ArgumentCaptor<Submitted<DealStageInput>> submitted = ArgumentCaptor.forClass(Submitted.class);
    verify(stages).create(submitted.capture());
    assertThat(submitted.getValue().record())
        .isEqualTo(new DealStageInput("Demo", "Shown", new BigDecimal("30"), null, null, null));
  }

  @Test
  void aWriteIsConditionalOnTheEtagsOfIfMatch() {
    given(stages.replace(eq(51L), any(), any())).willReturn(new Versioned<>(DEMO, "\"4\""));
    assertThat(
            mvc.put()
                .uri("/dealStages/51")
                .header("If-Match", "\"3\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"dealStageName\":\"Demo\"}"))
        .hasStatusOk()
        .hasHeader("ETag", "\"4\"");
    verify(stages).replace(eq(51L), any(), eq(new IfMatch(List.of("\"3\""))));
  }

  @Test
  void aWriteWithoutIfMatchIsUnconditional() {
    given(stages.patch(eq(51L), any(), any())).willReturn(new Versioned<>(DEMO, "\"4\""));
    assertThat(
            mvc.patch()
                .uri("/dealStages/51")
                .contentType("application/merge-patch+json")
                .content("{\"description\":null}"))
        .hasStatusOk();
    verify(stages).patch(eq(51L), any(), eq(IfMatch.NONE));
  }

  @Test
  void aStaleIfMatchIs412() {
    given(stages.replace(eq(51L), any(), any())).willThrow(new PreconditionFailed("\"4\""));
    assertThat(
            mvc.put()
                .uri("/dealStages/51")
                .header("If-Match", "\"3\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"dealStageName\":\"Demo\"}"))
        .hasStatus(HttpStatus.PRECONDITION_FAILED)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"detail":"If-Match does not match the current entity tag \\"4\\"; read the resource again and retry",\
            "instance":"/dealStages/51","status":412,"title":"Precondition Failed"}""");
  }

  @Test
  void anIfMatchThatIsNotAListOfEntityTagsIs400() {
    assertThat(mvc.delete().uri("/dealStages/51").header("If-Match", "3"))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"detail":"Invalid 'If-Match': must be * or a list of quoted entity tags",\
            "instance":"/dealStages/51","status":400,"title":"Bad Request",\
            "errors":[{"field":"If-Match","message":"must be * or a list of quoted entity tags"}]}""");
    verifyNoInteractions(stages);
  }

  // ---- a problem for each refusal type

  @Test
  void invalidInputIs400WithEveryInvalidField() {
    given(stages.create(any()))
        .willThrow(
            new InvalidInput(
                List.of(
                    new InvalidField("dealStageName", "must not be blank"),
                    new InvalidField(
                        "weight", "must be an integer from 0 to 999999999999999999"))));
    assertThat(
            mvc.post()
                .uri("/dealStages")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"dealStageName\":\" \",\"weight\":\"x\"}"))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"detail":"2 invalid fields; see errors","instance":"/dealStages","status":400,\
            "title":"Bad Request","errors":[{"field":"dealStageName","message":"must not be blank"},\
            {"field":"weight","message":"must be an integer from 0 to 999999999999999999"}]}""");
  }

  @Test
  void notFoundIs404() {
    given(stages.get(999999)).willThrow(new DealStageNotFound(999999));
    assertThat(mvc.get().uri("/dealStages/999999"))
        .hasStatus(HttpStatus.NOT_FOUND)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"detail":"Deal stage 999999 does not exist","instance":"/dealStages/999999",\
            "status":404,"title":"Not Found"}""");
  }

  @Test
  void aConflictIs409WithItsProperties() {
    willThrow(new DealStageInUse(51, 3)).given(stages).delete(eq(51L), any(), any());
    assertThat(mvc.delete().uri("/dealStages/51"))
        .hasStatus(HttpStatus.CONFLICT)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"detail":"Deal stage 51 is used by 3 opportunities; move them first, or delete with ?moveTo=<another stage id>",\
            "instance":"/dealStages/51","status":409,"title":"Conflict","opportunityCount":3}""");
  }

  @Test
  void aNameTakenIs409() {
    given(stages.create(any())).willThrow(new DealStageNameTaken("demo"));
    assertThat(
            mvc.post()
                .uri("/dealStages")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"dealStageName\":\"demo\"}"))
        .hasStatus(HttpStatus.CONFLICT)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"detail":"A deal stage named 'demo' already exists (names are unique whatever their letter case)",\
            "instance":"/dealStages","status":409,"title":"Conflict"}""");
  }

  @Test
  @WithMockUser(roles = "SALESPERSON")
  void aRoleWithoutThePermissionIs403NamingTheRoleAndTheRequest() {
    given(stages.create(any())).willThrow(new AccessDeniedException("Access Denied"));
    assertThat(
            mvc.post()
                .uri("/dealStages")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"dealStageName\":\"Mine\"}"))
        .hasStatus(HttpStatus.FORBIDDEN)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"detail":"The role of this API key (SALESPERSON) may not POST /dealStages",\
            "instance":"/dealStages","status":403,"title":"Forbidden"}""");
  }

  @Test
  void aForbiddenValueIs403NamingTheProperty() {
    given(stages.patch(eq(51L), any(), any()))
        .willThrow(new Forbidden("weight", "A SALES_MANAGER cannot move stages"));
    assertThat(
            mvc.patch()
                .uri("/dealStages/51")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"weight\":1}"))
        .hasStatus(HttpStatus.FORBIDDEN)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"detail":"A SALES_MANAGER cannot move stages","instance":"/dealStages/51","status":403,\
            "title":"Forbidden","errors":[{"field":"weight","message":"A SALES_MANAGER cannot move stages"}]}""");
  }

  // ---- HTTP itself

  @Test
  void aBodyThatIsNotJsonIs415() {
    assertThat(mvc.post().uri("/dealStages").contentType(MediaType.TEXT_PLAIN).content("{}"))
        .hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"detail":"Content-Type 'text/plain' is not supported.","instance":"/dealStages",\
            "status":415,"title":"Unsupported Media Type"}""");
    verifyNoInteractions(stages);
  }

  @Test
  void aClientThatAcceptsOnlyXmlIs406() {
    assertThat(mvc.get().uri("/dealStages/51").accept(MediaType.APPLICATION_XML))
        .hasStatus(HttpStatus.NOT_ACCEPTABLE)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"detail":"Acceptable representations: [application/json].","instance":"/dealStages/51",\
            "status":406,"title":"Not Acceptable"}""");
    verifyNoInteractions(stages);
  }

  @Test
  void malformedJsonIs400SayingWhere() {
    assertThat(
            mvc.post()
                .uri("/dealStages")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"dealStageName\":"))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyJson()
        .extractingPath("$.errors[0].field")
        .isEqualTo("");
    verifyNoInteractions(stages);
  }

  @Test
  void aDuplicatePropertyIsRefusedRatherThanOneValueKept() {
    assertThat(
            mvc.post()
                .uri("/dealStages")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"dealStageName\":\"a\",\"dealStageName\":\"b\"}"))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyJson()
        .extractingPath("$.detail")
        .asString()
        .startsWith("Malformed JSON: Duplicate Object property \"dealStageName\"");
    verifyNoInteractions(stages);
  }

  @Test
  void aPathIdThatIsNotAnIntegerIs400NamingIt() {
    assertThat(mvc.get().uri("/dealStages/abc"))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"detail":"Invalid 'id': must be an integer","instance":"/dealStages/abc","status":400,\
            "title":"Bad Request","errors":[{"field":"id","message":"must be an integer"}]}""");
  }

  @Test
  void listParametersAreCheckedAllAtOnceBeforeTheServiceIsAsked() {
    assertThat(mvc.get().uri("/dealStages?colour=red&isEditable=maybe&id=1,x"))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"detail":"3 invalid fields; see errors","instance":"/dealStages","status":400,\
            "title":"Bad Request","errors":[{"field":"colour","message":"is not a query parameter of this list"},\
            {"field":"id","message":"must be integers, comma-separated or repeated"},\
            {"field":"isEditable","message":"must be true or false"}]}""");
    verifyNoInteractions(stages);
  }

  @Test
  void aPageSizeOutOfRangeIs400() {
    assertThat(mvc.get().uri("/dealStages?limit=0"))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"detail":"Invalid 'limit': must be between 1 and 500","instance":"/dealStages",\
            "status":400,"title":"Bad Request","errors":[{"field":"limit","message":"must be between 1 and 500"}]}""");
    verifyNoInteractions(stages);
  }

  @Test
  void deleteAnswers204AndPassesMoveTo() {
    assertThat(mvc.delete().uri("/dealStages/51?moveTo=5"))
        .hasStatus(HttpStatus.NO_CONTENT)
        .body()
        .isEmpty();
    verify(stages).delete(51L, 5L, IfMatch.NONE);
  }
}
