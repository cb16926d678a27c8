package io.switchboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps core free of channels and stores, and its public API free of internal types. */
@AnalyzeClasses(packages = "io.switchboard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreKnowsNoChannel = noClasses().should()
      .dependOnClassesThat().resideInAPackage("io.switchboard.channel..");

  @ArchTest
  static final ArchRule coreKnowsNoJdbcStore = noClasses().should()
      .dependOnClassesThat().resideInAPackage("io.switchboard.store.jdbc..");

  @ArchTest
  static final ArchRule modelAndSpisDoNotUseInternals = noClasses()
      .that().resideInAnyPackage("io.switchboard.message..", "io.switchboard.event..", "io.switchboard.spi..",
          "io.switchboard.connection..", "io.switchboard.crypto..", "io.switchboard.graph..",
          "io.switchboard.webhook..", "io.switchboard.store..")
      .should().dependOnClassesThat().resideInAPackage("io.switchboard.internal..");

  @ArchTest
  static final ArchRule modelKnowsNoHttpOrServlet = noClasses()
      .that().resideInAnyPackage("io.switchboard.message..", "io.switchboard.event..", "io.switchboard.connection..")
      .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "jakarta.servlet..", "com.fasterxml..");

  @ArchTest
  static final ArchRule noEnvironmentOrStdout = noClasses()
      .should().callMethod(System.class, "getenv", String.class)
      .orShould().callMethod(System.class, "getenv")
      .orShould().callMethod(System.class, "getProperty", String.class)
      .orShould().accessField(System.class, "out")
      .orShould().accessField(System.class, "err");
}
