package com.leadgencrm.opportunities;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.security.ApiKeyService;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RestController;

/** Features keep their internals to themselves and do not depend on each other in circles. */
class ArchitectureTest {

  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.leadgencrm.opportunities");

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
    slices()
        .matching("com.leadgencrm.opportunities.(*)..")
        .should()
        .beFreeOfCycles()
        .check(CLASSES);
  }
}
