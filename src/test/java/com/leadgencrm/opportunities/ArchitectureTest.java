package com.leadgencrm.opportunities;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.security.ApiKeyService;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shape of the code: features keep their internals to themselves, services know nothing of
 * either protocol, the shared packages sit below the features, and no file grows past one screen of
 * reading.
 */
class ArchitectureTest {

  static final String BASE = "com.leadgencrm.opportunities";

  /**
   * Leaves out what Spring's ahead-of-time processing ({@code -Pspring-aot}) writes beside our
   * classes ({@code *__BeanDefinitions}, {@code *$$SpringCGLIB$$*}): the rules are about the code
   * we write, and generated registrations reach every bean's type by design.
   */
  static final ImportOption NOT_GENERATED =
      location -> !location.contains("__") && !location.contains("$$SpringCGLIB$$");

  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(NOT_GENERATED)
          .importPackages(BASE);

  /** The class a nested, local or anonymous class is written in; a top-level class itself. */
  static JavaClass topLevel(JavaClass type) {
    JavaClass outer = type;
    while (outer.getEnclosingClass().isPresent()) {
      outer = outer.getEnclosingClass().get();
    }
    return outer;
  }

  /**
   * The adapters: the only code that may speak HTTP or read JSON trees. A class (with whatever is
   * nested in it) is an adapter when it lies in {@code web} (the REST adapter's shared parts),
   * {@code json} (strict JSON binding), {@code pubapi} (the wire protocol) or {@code idempotency}
   * (a servlet filter over both); when its name ends in {@code Controller}; or when it is one of
   * {@code security}'s filter-chain classes: a servlet {@link Filter}, an {@link
   * AuthenticationConverter} (credentials from a request), or a configuration that builds a {@link
   * SecurityFilterChain}; or when it writes a part of the REST adapter's OpenAPI document (a
   * feature's typed custom fields, say: an {@code ApiDocumentPass}).
   */
  static final DescribedPredicate<JavaClass> ADAPTERS =
      DescribedPredicate.describe(
          "adapters (web, json, pubapi, idempotency, *Controller, security's filter chains, parts"
              + " of the OpenAPI document)",
          type -> {
            JavaClass outer = topLevel(type);
            return outer.getPackageName().startsWith(BASE + ".web")
                || outer.getPackageName().startsWith(BASE + ".json")
                || outer.getPackageName().startsWith(BASE + ".pubapi")
                || outer.getPackageName().startsWith(BASE + ".idempotency")
                || outer.getSimpleName().endsWith("Controller")
                || outer.isAssignableTo(BASE + ".web.ApiDocumentPass")
                || (outer.getPackageName().equals(BASE + ".security")
                    && (outer.isAssignableTo(Filter.class)
                        || outer.isAssignableTo(AuthenticationConverter.class)
                        || outer.getMethods().stream()
                            .anyMatch(
                                method ->
                                    method
                                        .getRawReturnType()
                                        .isEquivalentTo(SecurityFilterChain.class))));
          });

  static final DescribedPredicate<JavaClass> HTTP_OR_JSON_TREES =
      resideInAPackage("org.springframework.http..")
          .or(assignableTo(JsonNode.class))
          .as("org.springframework.http or a JsonNode");

  static final ArchRule PROTOCOLS_STAY_IN_THE_ADAPTERS =
      noClasses()
          .that(not(ADAPTERS))
          .should()
          .dependOnClassesThat(HTTP_OR_JSON_TREES)
          .as(
              "Only the adapters speak HTTP (org.springframework.http) or read JSON trees (JsonNode"
                  + " and its subclasses)")
          .because(
              "services take Submitted commands and answer with their own results and refusals, so"
                  + " that REST and the wire protocol are two thin adapters over the same rules");

  @Test
  void httpAndJsonTreesStayInTheAdapters() {
    PROTOCOLS_STAY_IN_THE_ADAPTERS.check(CLASSES);
  }

  /** A service that answers with HTTP, as the rule must catch. */
  static class ServiceSpeakingHttp {
    ResponseEntity<String> answer() {
      return ResponseEntity.ok("no");
    }
  }

  /** A service that reads JSON trees, as the rule must catch. */
  static class ServiceReadingJsonTrees {
    String name(ObjectNode body) {
      return body.path("name").asString();
    }
  }

  @Test
  void theRuleCatchesAServiceThatSpeaksHttpOrReadsJsonTrees() {
    JavaClasses services =
        new ClassFileImporter()
            .importClasses(ServiceSpeakingHttp.class, ServiceReadingJsonTrees.class);
    assertThat(PROTOCOLS_STAY_IN_THE_ADAPTERS.evaluate(services).getFailureReport().getDetails())
        .anyMatch(line -> line.contains("ServiceSpeakingHttp") && line.contains("ResponseEntity"))
        .anyMatch(line -> line.contains("ServiceReadingJsonTrees") && line.contains("ObjectNode"));
  }

  @Test
  void theAdaptersAreThePackagesAndClassesTheRuleNames() {
    assertThat(
            CLASSES.stream()
                .filter(type -> type.getPackageName().equals(BASE + ".security"))
                .filter(type -> type.getEnclosingClass().isEmpty())
                .filter(ADAPTERS)
                .map(JavaClass::getSimpleName)
                .sorted())
        .containsExactly(
            "ApiKeyController", "BearerKeyConverter", "RequestBodyLimits", "SecurityConfiguration");
  }

  // ---- layers

  static DescribedPredicate<JavaClass> ofThisServiceOutside(String... packages) {
    String[] own = Stream.of(packages).map(name -> BASE + "." + name + "..").toArray(String[]::new);
    return resideInAPackage(BASE + "..")
        .and(not(resideInAnyPackage(own)))
        .as("classes of this service outside " + String.join(", ", packages));
  }

  @Test
  void coreDependsOnNoOtherPackage() {
    noClasses()
        .that()
        .resideInAPackage(BASE + ".core..")
        .should()
        .dependOnClassesThat(ofThisServiceOutside("core"))
        .because("core is the ground floor every feature and both adapters stand on")
        .check(CLASSES);
  }

  @Test
  void queryBuildingDependsOnlyOnCore() {
    noClasses()
        .that()
        .resideInAPackage(BASE + ".query..")
        .should()
        .dependOnClassesThat(ofThisServiceOutside("query", "core"))
        .check(CLASSES);
  }

  @Test
  void jsonBindingDependsOnlyOnCore() {
    noClasses()
        .that()
        .resideInAPackage(BASE + ".json..")
        .should()
        .dependOnClassesThat(ofThisServiceOutside("json", "core"))
        .check(CLASSES);
  }

  @Test
  void theFeaturesServicesDependOnNoAdapter() {
    noClasses()
        .that(
            resideInAnyPackage(
                    BASE + ".opportunity..",
                    BASE + ".dealstage..",
                    BASE + ".field..",
                    BASE + ".security..")
                .and(not(ADAPTERS)))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            BASE + ".web..", BASE + ".json..", BASE + ".pubapi..", BASE + ".idempotency..")
        .because("a rule written once serves both protocols")
        .check(CLASSES);
  }

  @Test
  void nothingDependsOnTheWireProtocol() {
    noClasses()
        .that()
        .resideOutsideOfPackage(BASE + ".pubapi..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(BASE + ".pubapi..")
        .because("the wire protocol is an adapter on top: the REST API does not need it")
        .check(CLASSES);
  }

  // ---- internals

  @Test
  void entitiesRepositoriesAndControllersArePackagePrivate() {
    classes()
        .that()
        .areAnnotatedWith(Entity.class)
        .or()
        .areAssignableTo(Repository.class)
        .or()
        .areAnnotatedWith(RestController.class)
        .should()
        .notBePublic()
        .check(CLASSES);
  }

  /**
   * Every operation a service offers declares its permission, whichever protocol calls it. The one
   * exception is authentication itself ({@code ApiKeyService.verify}), which runs before there is a
   * caller to check.
   */
  @Test
  void everyPublicServiceMethodDeclaresItsPermission() {
    methods()
        .that()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .areAnnotatedWith(Service.class)
        .and()
        .areDeclaredInClassesThat()
        .resideOutsideOfPackages(SHARED_PACKAGES)
        .and(
            DescribedPredicate.not(
                JavaMember.Predicates.declaredIn(ApiKeyService.class)
                    .and(HasName.Predicates.name("verify"))))
        .should()
        .beAnnotatedWith(Requires.class)
        .because("permissions are declared once, on the service, for REST and the wire protocol")
        .check(CLASSES);
  }

  /** The packages every feature shares; the others are features. */
  static final String[] SHARED_PACKAGES = {
    "..core..", "..query..", "..json..", "..web..", "..pubapi..", "..idempotency..", "..limits.."
  };

  @Test
  void featuresAreFreeOfCycles() {
    slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  // ---- size

  static final int MAX_LINES = 350;

  /**
   * Main files over the limit when this test was written, each with its length then: they must be
   * split, and may not grow meanwhile. An entry whose file fits fails the test, to be removed.
   */
  static final Map<String, Integer> NOT_YET_SPLIT = Map.of();

  @Test
  void noMainSourceFileIsOver350Lines() throws IOException {
    Path sources = Path.of("src/main/java/com/leadgencrm/opportunities");
    Map<String, Integer> tooLong = new TreeMap<>();
    Map<String, Integer> lengths = new TreeMap<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
        String name = sources.relativize(file).toString().replace('\\', '/');
        int lines = Files.readAllLines(file).size();
        lengths.put(name, lines);
        if (lines > MAX_LINES && !NOT_YET_SPLIT.containsKey(name)) {
          tooLong.put(name, lines);
        }
      }
    }
    assertThat(tooLong).as("main source files over " + MAX_LINES + " lines").isEmpty();
    NOT_YET_SPLIT.forEach(
        (name, before) ->
            assertThat(lengths.get(name))
                .as(name + " (listed as not yet split: remove it from NOT_YET_SPLIT once it fits)")
                .isGreaterThan(MAX_LINES)
                .isLessThanOrEqualTo(before));
    assertThat(lengths).hasSizeGreaterThan(100);
  }
}
