using Gaplens.Ecosystems.Jvm;

namespace Gaplens.Ecosystems.Tests;

/// <summary>Maven, Gradle (Groovy, Kotlin DSL, version catalogs, settings) and sbt builds as the JVM readers see them.</summary>
public sealed class JvmBuildTests
{
    [Fact]
    public void Pom_dependency_management_pins_versions_and_is_not_a_dependency()
    {
        var pom = MavenPom.Parse(Sources.Of("pom.xml", """
            <project>
              <groupId>org.example</groupId>
              <artifactId>shop</artifactId>
              <packaging>pom</packaging>
              <modules><module>orders</module><module>common</module></modules>
              <dependencyManagement>
                <dependencies>
                  <dependency><groupId>org.springframework.cloud</groupId><artifactId>spring-cloud-dependencies</artifactId><type>pom</type><scope>import</scope></dependency>
                </dependencies>
              </dependencyManagement>
              <dependencies>
                <dependency><groupId>io.micrometer</groupId><artifactId>micrometer-registry-prometheus</artifactId></dependency>
              </dependencies>
            </project>
            """), out var error)!;

        Assert.Null(error);
        Assert.Equal("org.example:shop", pom.Coordinates);
        Assert.Equal(["orders", "common"], pom.Modules);
        Assert.Equal(["io.micrometer:micrometer-registry-prometheus"], pom.Packages.Select(p => p.Name));
    }

    [Fact]
    public void Pom_property_naming_a_dockerfile_directory_is_resolved_from_the_module()
    {
        var pom = MavenPom.Parse(Sources.Of("orders-service/pom.xml", """
            <project>
              <parent><groupId>org.example</groupId><artifactId>shop</artifactId><version>1</version></parent>
              <artifactId>orders-service</artifactId>
              <properties>
                <docker.image.dockerfile.dir>${basedir}/../docker</docker.image.dockerfile.dir>
                <dockerfile.skip>true</dockerfile.skip>
                <start-class>org.example.orders.OrdersApplication</start-class>
              </properties>
            </project>
            """), out _)!;

        Assert.Equal("org.example:orders-service", pom.Coordinates);
        Assert.Equal("pom.xml", pom.ParentPath);
        Assert.Equal(["docker/Dockerfile"], pom.Dockerfiles.Select(d => d.Path));
        Assert.Equal(["org.example.orders.OrdersApplication"], pom.MainClasses);
    }

    [Fact]
    public void Kotlin_dsl_reads_coordinates_test_configurations_projects_and_kotlin_plugins()
    {
        var build = GradleBuild.Parse(Sources.Of("api/build.gradle.kts", """
            plugins {
                kotlin("jvm")
                id("io.ktor.plugin") version "3.0.0"
                jacoco
            }

            application {
                mainClass.set("io.ktor.server.netty.EngineMain")
            }

            dependencies {
                implementation(project(":core"))
                implementation("io.ktor:ktor-server-netty:3.0.0")
                // implementation("com.example:commented-out:1")
                implementation(group = "org.postgresql", name = "postgresql", version = "42.7.0")
                testImplementation("io.ktor:ktor-server-test-host:3.0.0")
            }
            """));
        var packages = build.Complete([]);

        Assert.Contains(packages, p => p.Name == "plugin:org.jetbrains.kotlin.jvm");
        Assert.Contains(packages, p => p.Name == "plugin:io.ktor.plugin");
        Assert.Contains(packages, p => p.Name == "plugin:jacoco");
        Assert.Contains(packages, p => p.Name == "io.ktor:ktor-server-netty" && !p.Development && p.Line == 13);
        Assert.Contains(packages, p => p.Name == "org.postgresql:postgresql" && !p.Development);
        Assert.Contains(packages, p => p.Name == "io.ktor:ktor-server-test-host" && p.Development);
        Assert.DoesNotContain(packages, p => p.Name.Contains("commented-out", StringComparison.Ordinal));
        Assert.Equal([(":core", false)], build.ProjectDependencies);
        Assert.Equal(["io.ktor.server.netty.EngineMain"], build.MainClasses);
    }

    [Fact]
    public void Version_catalog_accessors_resolve_to_libraries_bundles_and_plugins()
    {
        var catalog = VersionCatalog.Parse(Sources.Of("gradle/libs.versions.toml", """
            [versions]
            ktor = "3.0.0"

            [libraries]
            ktor-server-netty = { module = "io.ktor:ktor-server-netty", version.ref = "ktor" }
            ktor-server-auth = { group = "io.ktor", name = "ktor-server-auth", version.ref = "ktor" }
            logback = "ch.qos.logback:logback-classic:1.5.0"
            kotest_runner = { module = "io.kotest:kotest-runner-junit5", version = "5.9.0" }

            [bundles]
            ktor-server = ["ktor-server-netty", "ktor-server-auth"]

            [plugins]
            ktor = { id = "io.ktor.plugin", version.ref = "ktor" }
            detekt = "io.gitlab.arturbosch.detekt:1.23.0"
            """), out var error)!;
        var build = GradleBuild.Parse(Sources.Of("server/build.gradle.kts", """
            plugins {
                alias(libs.plugins.ktor)
                alias(libs.plugins.detekt)
            }
            dependencies {
                implementation(libs.bundles.ktor.server)
                implementation(libs.logback)
                testImplementation(libs.kotest.runner)
                implementation(libs.unknown.thing)
            }
            """));

        var packages = build.Complete([catalog]);

        Assert.Null(error);
        Assert.Equal("libs", catalog.Accessor);
        Assert.Equal(5, catalog.Libraries["ktor.server.netty"].Line);
        Assert.Contains(packages, p => p.Name == "plugin:io.ktor.plugin" && p.Line == 2);
        Assert.Contains(packages, p => p.Name == "plugin:io.gitlab.arturbosch.detekt");
        Assert.Contains(packages, p => p.Name == "io.ktor:ktor-server-netty" && p.Line == 6 && !p.Development);
        Assert.Contains(packages, p => p.Name == "io.ktor:ktor-server-auth" && p.Line == 6);
        Assert.Contains(packages, p => p.Name == "ch.qos.logback:logback-classic" && !p.Development);
        Assert.Contains(packages, p => p.Name == "io.kotest:kotest-runner-junit5" && p.Development);
        Assert.Equal(6, packages.Count);
    }

    [Fact]
    public void Groovy_build_reads_map_notation_apply_plugin_and_subprojects_blocks()
    {
        var build = GradleBuild.Parse(Sources.Of("build.gradle", """
            apply plugin: 'org.springframework.boot'
            subprojects {
                dependencies {
                    implementation 'io.micrometer:micrometer-registry-prometheus'
                }
            }
            dependencies {
                implementation group: 'org.flywaydb', name: 'flyway-core', version: '10.0.0'
                developmentOnly 'org.springframework.boot:spring-boot-devtools'
            }
            """));
        build.Complete([]);

        Assert.Contains(build.Resolved, r => r.Reference.Name == "plugin:org.springframework.boot");
        Assert.Contains(build.Resolved, r => r.Reference.Name == "io.micrometer:micrometer-registry-prometheus" && r.Inherited);
        Assert.Contains(build.Resolved, r => r.Reference.Name == "org.flywaydb:flyway-core" && !r.Inherited && !r.Reference.Development);
        Assert.Contains(build.Resolved, r => r.Reference.Name == "org.springframework.boot:spring-boot-devtools" && r.Reference.Development);
    }

    [Fact]
    public void Kotlin_multiplatform_test_source_sets_are_development()
    {
        var build = GradleBuild.Parse(Sources.Of("shared/build.gradle.kts", """
            kotlin {
                sourceSets {
                    commonMain.dependencies {
                        implementation("io.ktor:ktor-client-core:3.0.0")
                    }
                    commonTest.dependencies {
                        implementation("org.jetbrains.kotlin:kotlin-test:2.0.0")
                    }
                }
            }
            """));

        var packages = build.Complete([]);

        Assert.Contains(packages, p => p.Name == "io.ktor:ktor-client-core" && !p.Development);
        Assert.Contains(packages, p => p.Name == "org.jetbrains.kotlin:kotlin-test" && p.Development);
    }

    [Fact]
    public void Settings_include_projects_with_their_directories()
    {
        var settings = GradleSettings.Parse(Sources.Of("settings.gradle.kts", """
            rootProject.name = "conference"
            include(":backend")
            include(
                ":app:shared",
                ":core",
            )
            include("tools")
            project(":core").projectDir = file("libs/core")
            """));
        var groovy = GradleSettings.Parse(Sources.Of("platform/settings.gradle", "rootProject.name = 'platform'\ninclude 'api', ':worker'\n"));

        Assert.Equal("conference", settings.RootProjectName);
        Assert.Equal("backend", settings.Projects[":backend"]);
        Assert.Equal("app/shared", settings.Projects[":app:shared"]);
        Assert.Equal("libs/core", settings.Projects[":core"]);
        Assert.Equal("tools", settings.Projects[":tools"]);
        Assert.Equal("platform/api", groovy.Projects[":api"]);
        Assert.Equal("platform/worker", groovy.Projects[":worker"]);
    }

    [Fact]
    public void Sbt_reads_module_ids_test_scopes_and_projects()
    {
        var sbt = SbtBuild.Parse(Sources.Of("build.sbt", """
            val http4sVersion = "0.23.27"

            val testDependencies = Seq(
              "org.scalameta" %% "munit" % "1.0.0",
              "com.dimafeng" %% "testcontainers-scala-postgresql" % "0.41.0"
            ).map(_ % Test)

            lazy val root = (project in file("."))
              .aggregate(api, core)
              .settings(name := "payments")

            lazy val core = project
              .settings(libraryDependencies += "org.typelevel" %% "cats-effect" % "3.5.4")

            lazy val api = (project in file("modules/api"))
              .dependsOn(core % "compile->compile;test->test")
              .enablePlugins(JavaAppPackaging, DockerPlugin)
              .settings(
                libraryDependencies ++= Seq(
                  "org.http4s" %% "http4s-ember-server" % http4sVersion,
                  "org.scalatest" %% "scalatest" % "3.2.18" % Test,
                  "org.postgresql" % "postgresql" % "42.7.3" // the driver
                ) ++ testDependencies,
                Compile / mainClass := Some("com.example.Main")
              )
            """));
        var plugins = SbtBuild.Parse(Sources.Of("project/plugins.sbt", "addSbtPlugin(\"org.scoverage\" % \"sbt-scoverage\" % \"2.0.9\")\n"));

        Assert.Equal("payments", sbt.Projects.Single(p => p.Id == "root").Name);
        Assert.Contains(sbt.Packages, p => p.Name == "org.http4s:http4s-ember-server" && !p.Development && p.Line == 20);
        Assert.Contains(sbt.Packages, p => p.Name == "org.scalatest:scalatest" && p.Development);
        Assert.Contains(sbt.Packages, p => p.Name == "org.scalameta:munit" && p.Development);
        Assert.Contains(sbt.Packages, p => p.Name == "com.dimafeng:testcontainers-scala-postgresql" && p.Development);
        Assert.Contains(sbt.Packages, p => p.Name == "org.postgresql:postgresql" && !p.Development);
        var api = sbt.Projects.Single(p => p.Id == "api");
        Assert.Equal("modules/api", api.Directory);
        Assert.Equal(["core"], api.DependsOn);
        Assert.Equal(["JavaAppPackaging", "DockerPlugin"], api.Plugins);
        Assert.Equal(["com.example.Main"], api.MainClasses);
        Assert.Equal("core", sbt.Projects.Single(p => p.Id == "core").Directory);
        Assert.True(plugins.IsMetaBuild);
        Assert.Equal("", plugins.Directory);
        Assert.Contains(plugins.Packages, p => p.Name == "org.scoverage:sbt-scoverage" && p.Development);
    }

    [Fact]
    public void Broken_catalog_is_an_error_not_an_exception()
    {
        Assert.Null(VersionCatalog.Parse(Sources.Of("gradle/libs.versions.toml", "[libraries\nx = 1"), out var error));
        Assert.Contains("invalid TOML", error, StringComparison.Ordinal);
    }
}
