package com.leadgencrm.opportunities;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
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

  @Test
  void featuresAreFreeOfCycles() {
    slices()
        .matching("com.leadgencrm.opportunities.(*)..")
        .should()
        .beFreeOfCycles()
        .check(CLASSES);
  }
}
