package io.switchboard.channel.instagram;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The channel uses only core's public API: no core internals, stores, other channels or raw HTTP. */
@AnalyzeClasses(packages = "io.switchboard.channel.instagram", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noCoreInternals = noClasses().should()
      .dependOnClassesThat().resideInAPackage("io.switchboard.internal..");

  @ArchTest
  static final ArchRule noStores = noClasses().should()
      .dependOnClassesThat().resideInAPackage("io.switchboard.store..");

  @ArchTest
  static final ArchRule noOtherChannels = noClasses().should()
      .dependOnClassesThat(resideInAPackage("io.switchboard.channel..")
          .and(resideOutsideOfPackage("io.switchboard.channel.instagram..")))
      .because("channels never depend on each other");

  @ArchTest
  static final ArchRule noOkHttpOrServlet = noClasses().should()
      .dependOnClassesThat().resideInAnyPackage("okhttp3..", "jakarta.servlet..")
      .because("channels reach the Graph API only through core's GraphClient");

  @ArchTest
  static final ArchRule noEnvironmentOrStdout = noClasses()
      .should().callMethod(System.class, "getenv", String.class)
      .orShould().callMethod(System.class, "getProperty", String.class)
      .orShould().accessField(System.class, "out");

  @ArchTest
  static final ArchRule internalsStayInternal = noClasses()
      .that().resideInAPackage("io.switchboard.channel.instagram.internal..")
      .should().dependOnClassesThat().resideInAPackage("io.switchboard.spi..")
      .because("only the public channel class talks to Switchboard's SPI");
}
