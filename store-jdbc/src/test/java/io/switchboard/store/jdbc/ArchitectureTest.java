package io.switchboard.store.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The house rules of design.md, for this module. */
class ArchitectureTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.switchboard.store.jdbc");

  @Test
  void dependsOnCoreAndTheJdkOnly() {
    classes().should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "javax.sql..", "io.switchboard", "io.switchboard.spi..", "io.switchboard.connection..",
            "io.switchboard.message",
            "io.switchboard.store.jdbc..")
        .check(MAIN);
  }

  @Test
  void neverReadsEnvironmentOrSystemPropertiesNorPrints() {
    noClasses().should().callMethod(System.class, "getenv", String.class)
        .orShould().callMethod(System.class, "getenv")
        .orShould().callMethod(System.class, "getProperty", String.class)
        .orShould().callMethod(System.class, "getProperty", String.class, String.class)
        .orShould().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .check(MAIN);
  }

  @Test
  void startsNoThreads() {
    noClasses().should().callConstructor(Thread.class, Runnable.class)
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
        .check(MAIN);
  }

  @Test
  void publicApiDoesNotDependOnOtherModulesInternals() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("io.switchboard.internal..", "io.switchboard.store.memory..")
        .check(MAIN);
  }
}
