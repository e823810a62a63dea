namespace Gaplens.Practices.Tests;

using Gaplens.Tests;

/// <summary>JVM programs as their owners list them: one service per application module, with its code and container build.</summary>
public sealed class JvmServiceTests
{
    private const string ParentPom = """
        <project>
          <groupId>org.example</groupId>
          <artifactId>shop</artifactId>
          <packaging>pom</packaging>
          <modules><module>common</module><module>orders-service</module><module>config-server</module><module>notifier</module><module>api-gateway</module></modules>
        </project>
        """;

    private static string ModulePom(string artifact, string dependencies, string properties = "") => $"""
        <project>
          <parent><groupId>org.example</groupId><artifactId>shop</artifactId><version>1</version></parent>
          <artifactId>{artifact}</artifactId>
          <properties>{properties}</properties>
          <dependencies>{dependencies}</dependencies>
        </project>
        """;

    private static string Dependency(string group, string artifact) => $"<dependency><groupId>{group}</groupId><artifactId>{artifact}</artifactId></dependency>";

    private static string Boot(string package, string extra = "") => $$"""
        package org.example.{{package}};

        {{extra}}
        @SpringBootApplication
        public class Application {
            public static void main(String[] args) { SpringApplication.run(Application.class, args); }
        }
        """;

    private static FixtureCopy SpringCloudShop() => FixtureCopy.Empty()
        .With("pom.xml", ParentPom)
        .With("common/pom.xml", ModulePom("common", Dependency("org.springframework.boot", "spring-boot-starter-validation")))
        .With("common/src/main/java/org/example/common/Money.java", "package org.example.common;\npublic record Money(long cents) {}\n")
        .With("orders-service/pom.xml", ModulePom("orders-service",
            Dependency("org.springframework.boot", "spring-boot-starter-webmvc") + Dependency("org.example", "common"),
            "<docker.image.dockerfile.dir>${basedir}/../docker</docker.image.dockerfile.dir>"))
        .With("orders-service/src/main/java/org/example/orders/Application.java", Boot("orders"))
        .With("orders-service/src/main/resources/application.yml", "spring:\n  application:\n    name: orders\n")
        .With("config-server/pom.xml", ModulePom("config-server", Dependency("org.springframework.cloud", "spring-cloud-config-server"),
            "<docker.image.dockerfile.dir>${basedir}/../docker</docker.image.dockerfile.dir>"))
        .With("config-server/src/main/java/org/example/config/Application.java", Boot("config", "@EnableConfigServer"))
        .With("notifier/pom.xml", ModulePom("notifier", Dependency("org.springframework.kafka", "spring-kafka")))
        .With("notifier/src/main/java/org/example/notifier/Application.java", Boot("notifier"))
        .With("notifier/src/main/java/org/example/notifier/OrderEvents.java", """
            package org.example.notifier;
            class OrderEvents {
                @KafkaListener(topics = "orders")
                void on(String event) { }
            }
            """)
        .With("api-gateway/pom.xml", ModulePom("api-gateway", Dependency("org.springframework.cloud", "spring-cloud-starter-gateway-server-webflux")))
        .With("api-gateway/src/main/java/org/example/gateway/Application.java", Boot("gateway"))
        .With("api-gateway/src/main/resources/application.yml", """
            spring:
              application:
                name: api-gateway
              cloud:
                gateway:
                  routes:
                    - id: orders
                      uri: lb://orders
            """)
        .With("docker/Dockerfile", "FROM eclipse-temurin:21\nARG ARTIFACT_NAME\nCOPY ${ARTIFACT_NAME}.jar app.jar\nENTRYPOINT [\"java\", \"-jar\", \"app.jar\"]\n")
        .With("docker/grafana/Dockerfile", "FROM grafana/grafana:11.0.0\nADD ./dashboards /var/lib/grafana/dashboards\n")
        .With("docker-compose.yml", """
            services:
              grafana:
                build: ./docker/grafana
                ports: ["3000:3000"]
            """);

    [Fact]
    public void Each_spring_boot_module_is_a_service_named_after_its_application_with_shared_modules_as_code()
    {
        using var tree = SpringCloudShop();

        var services = Scan.Run(tree.Root).Facts.Services;

        var orders = services.Single(s => s.Path == "orders-service");
        Assert.Equal("orders", orders.Name);
        Assert.Equal("spring-boot", orders.Kind);
        Assert.True(orders.ServesHttp);
        Assert.Equal(["orders-service", "common"], orders.CodeRoots);
        Assert.Contains("orders-service", orders.Aliases);
        Assert.DoesNotContain(services, s => s.Path == "common");
    }

    [Fact]
    public void A_dockerfile_folder_the_builds_name_is_their_container_build_not_a_service()
    {
        using var tree = SpringCloudShop();

        var services = Scan.Run(tree.Root).Facts.Services;

        Assert.DoesNotContain(services, s => s.Name is "docker" or "grafana");
        Assert.Equal(["docker/Dockerfile"], services.Single(s => s.Path == "orders-service").Dockerfiles);
        Assert.Empty(services.Single(s => s.Path == "notifier").Dockerfiles);
    }

    [Fact]
    public void A_spring_boot_app_without_a_web_starter_that_consumes_a_broker_is_a_worker()
    {
        using var tree = SpringCloudShop();

        var notifier = Scan.Run(tree.Root).Facts.Services.Single(s => s.Path == "notifier");

        Assert.Equal("worker", notifier.Kind);
        Assert.False(notifier.ServesHttp);
        Assert.Equal("notifier/src/main/java/org/example/notifier/OrderEvents.java", notifier.Evidence.Path);
    }

    [Fact]
    public void A_packaged_spring_cloud_server_runs_in_production_but_holds_no_code_of_the_team()
    {
        using var tree = SpringCloudShop();

        var facts = Scan.Run(tree.Root).Facts;
        var config = facts.Services.Single(s => s.Path == "config-server");

        Assert.Equal("config-server", config.Kind);
        Assert.True(config.ServesHttp);
        Assert.False(config.HasCode);
        Assert.Equal(["docker/Dockerfile"], config.Dockerfiles);
    }

    [Fact]
    public void A_gateway_route_to_a_load_balanced_service_is_a_call_between_services()
    {
        using var tree = SpringCloudShop();

        var facts = Scan.Run(tree.Root).Facts;

        Assert.NotNull(facts.InterServiceCalls);
        Assert.Equal("api-gateway/src/main/resources/application.yml", facts.InterServiceCalls.Path);
        Assert.Contains(facts.ServiceCalls, c => c.From == "api-gateway" && c.To == "orders");
    }

    [Fact]
    public void Services_that_name_no_other_service_do_not_call_each_other()
    {
        using var tree = FixtureCopy.Empty()
            .With("pom.xml", "<project><groupId>g</groupId><artifactId>root</artifactId><packaging>pom</packaging></project>")
            .With("a/pom.xml", ModulePom("a", Dependency("org.springframework.boot", "spring-boot-starter-web")))
            .With("a/src/main/java/org/example/a/Application.java", Boot("a"))
            .With("a/src/main/resources/application.properties", "spring.application.name=alpha\nlinks.docs=https://docs.example.com/alpha\n")
            .With("b/pom.xml", ModulePom("b", Dependency("org.springframework.boot", "spring-boot-starter-web")))
            .With("b/src/main/java/org/example/b/Application.java", Boot("b"));

        var facts = Scan.Run(tree.Root).Facts;

        Assert.Equal(["alpha", "b"], facts.Services.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Null(facts.InterServiceCalls);
    }

    [Fact]
    public void Gradle_kotlin_build_with_a_catalog_and_included_projects_gives_a_ktor_service_with_its_shared_module()
    {
        using var tree = FixtureCopy.Empty()
            .With("settings.gradle.kts", "rootProject.name = \"conference\"\ninclude(\":backend\", \":shared\", \":androidApp\", \":load-tests\")\n")
            .With("gradle/libs.versions.toml", """
                [libraries]
                ktor-server-netty = { module = "io.ktor:ktor-server-netty", version = "3.0.0" }
                postgresql = "org.postgresql:postgresql:42.7.0"
                [plugins]
                android-application = { id = "com.android.application", version = "8.5.0" }
                """)
            .With("backend/build.gradle.kts", """
                plugins { application }
                application { mainClass.set("io.ktor.server.netty.EngineMain") }
                dependencies {
                    implementation(projects.shared)
                    implementation(libs.ktor.server.netty)
                    implementation(libs.postgresql)
                }
                """)
            .With("backend/src/main/kotlin/org/example/Application.kt", "package org.example\nfun Application.module() { routing { } }\n")
            .With("backend/src/main/resources/application.conf", "ktor {\n  application { modules = [ org.example.ApplicationKt.module ] }\n}\n")
            .With("shared/build.gradle.kts", "plugins { kotlin(\"jvm\") }\n")
            .With("androidApp/build.gradle.kts", "plugins { alias(libs.plugins.android.application) }\n")
            .With("androidApp/src/main/kotlin/App.kt", "fun main() { embeddedServer(Netty) { } }\n")
            .With("load-tests/build.gradle.kts", "dependencies { implementation(libs.ktor.server.netty) }\n")
            .With("load-tests/src/main/kotlin/Load.kt", "fun main() { embeddedServer(Netty) { }.start() }\n");

        var facts = Scan.Run(tree.Root).Facts;

        var backend = Assert.Single(facts.Services);
        Assert.Equal("backend", backend.Name);
        Assert.Equal("ktor", backend.Kind);
        Assert.Equal(["backend", "shared"], backend.CodeRoots);
        Assert.Contains(facts.Dependencies, d => d.Name == "PostgreSQL" && d.Evidence.Path == "backend/build.gradle.kts" && d.Evidence.Line == 6);
    }

    [Fact]
    public void An_sbt_project_with_an_http4s_server_is_a_service_and_its_packaging_project_names_it()
    {
        using var tree = FixtureCopy.Empty()
            .With("build.sbt", """
                lazy val root = (project in file(".")).aggregate(core, api, dist)
                lazy val core = project
                lazy val api = (project in file("api"))
                  .dependsOn(core)
                  .settings(libraryDependencies += "org.http4s" %% "http4s-ember-server" % "0.23.27")
                lazy val ui = project
                lazy val dist = (project in file("dist"))
                  .dependsOn(api, ui)
                  .enablePlugins(JavaAppPackaging, DockerPlugin)
                  .settings(Docker / packageName := "payments")
                """)
            .With("core/src/main/scala/example/Model.scala", "package example\ncase class Payment(id: String)\n")
            .With("api/src/main/scala/example/Main.scala", """
                package example
                object Main extends IOApp.Simple {
                  def run = EmberServerBuilder.default[IO].withHttpApp(routes).build.useForever
                }
                """)
            .With("ui/package.json", """{ "name": "payments-ui", "scripts": { "build": "vite build" }, "dependencies": { "react": "18.0.0" } }""")
            .With("ui/index.html", "<div id=\"root\"></div>");

        var facts = Scan.Run(tree.Root).Facts;

        var service = Assert.Single(facts.Services);
        Assert.Equal("payments", service.Name);
        Assert.Equal("http4s", service.Kind);
        Assert.Equal("api", service.Path);
        Assert.Contains("ui", service.CodeRoots);
        Assert.Contains("core", service.CodeRoots);
        Assert.Contains("container-build", facts.Platforms);
    }

    [Fact]
    public void Quarkus_modules_are_services_and_a_messaging_only_module_is_a_worker()
    {
        static string QuarkusPom(string artifact, string extensions) => $"""
            <project>
              <artifactId>{artifact}</artifactId>
              <properties><quarkus.platform.group-id>io.quarkus.platform</quarkus.platform.group-id></properties>
              <dependencies>{extensions}</dependencies>
              <build><plugins><plugin><groupId>${"{"}quarkus.platform.group-id{"}"}</groupId><artifactId>quarkus-maven-plugin</artifactId></plugin></plugins></build>
            </project>
            """;

        using var tree = FixtureCopy.Empty()
            .With("heroes/pom.xml", QuarkusPom("heroes", Dependency("io.quarkus", "quarkus-rest-jackson")))
            .With("heroes/src/main/java/org/example/HeroResource.java", "package org.example;\n@Path(\"/api/heroes\")\npublic class HeroResource {}\n")
            .With("heroes/src/main/docker/Dockerfile.jvm", "FROM registry.access.redhat.com/ubi9/openjdk-21\nCOPY target/quarkus-app/ /deployments/\n")
            .With("stats/pom.xml", QuarkusPom("stats", Dependency("io.quarkus", "quarkus-messaging-kafka")))
            .With("stats/src/main/java/org/example/Stats.java", "package org.example;\nclass Stats {\n  @Incoming(\"fights\")\n  void on(String f) {}\n}\n")
            .With("docs/pom.xml", QuarkusPom("docs", Dependency("io.quarkus", "quarkus-rest")));

        var services = Scan.Run(tree.Root).Facts.Services;

        Assert.Equal(["heroes", "stats"], services.Select(s => s.Name));
        Assert.Equal("quarkus", services[0].Kind);
        Assert.True(services[0].ServesHttp);
        Assert.Equal(["heroes/src/main/docker/Dockerfile.jvm"], services[0].Dockerfiles);
        Assert.Equal("worker", services[1].Kind);
        Assert.False(services[1].ServesHttp);
    }

    [Fact]
    public void A_play_application_is_found_by_its_routes_and_plugin()
    {
        using var tree = FixtureCopy.Empty()
            .With("build.sbt", "name := \"catalog\"\nenablePlugins(PlayScala)\nlibraryDependencies += guice\n")
            .With("project/plugins.sbt", "addSbtPlugin(\"org.playframework\" % \"sbt-plugin\" % \"3.0.5\")\n")
            .With("conf/routes", "GET     /products       controllers.ProductController.list\n")
            .With("app/controllers/ProductController.scala", "package controllers\nclass ProductController @Inject()(cc: ControllerComponents) extends AbstractController(cc)\n");

        var service = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        Assert.Equal("catalog", service.Name);
        Assert.Equal("play", service.Kind);
    }

    [Fact]
    public void A_library_module_without_an_entry_point_is_not_a_service()
    {
        using var tree = FixtureCopy.Empty()
            .With("build.gradle.kts", "plugins { `java-library` }\ndependencies { implementation(\"io.ktor:ktor-server-core:3.0.0\") }\n")
            .With("src/main/kotlin/Plugin.kt", "package example\nfun Application.install() { routing { } }\n");

        Assert.Empty(Scan.Run(tree.Root).Facts.Services);
    }
}
