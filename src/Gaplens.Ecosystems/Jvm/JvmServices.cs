using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Services;
using Gaplens.Ecosystems.Yaml;

namespace Gaplens.Ecosystems.Jvm;

/// <summary>
/// The programs of JVM builds that run in production, module by module: a framework's entry point in the module's
/// production code (Spring Boot, Ktor, Micronaut, Quarkus, Helidon, Vert.x, Dropwizard, Javalin, http4k, Play, Akka
/// and Pekko HTTP, ZIO HTTP, http4s, a plain server in main) makes the module a service; a Spring Boot, Quarkus or
/// Micronaut application without a web server that consumes a broker or runs schedules is a worker. Spring Cloud's
/// packaged servers (config server, Eureka registry, Spring Boot Admin) run in production but hold no code of the
/// team's own: they are services without code roots. A service's code roots are its module and the modules it
/// depends on; the Dockerfile its build names is its container build.
/// </summary>
internal static class JvmServices
{
    private const FileClass Code = FileClass.Java;

    private static readonly Term SpringBootApplication = new("@SpringBootApplication", Code);
    private static readonly Term EnableConfigServer = new("@EnableConfigServer", Code);
    private static readonly Term EnableEurekaServer = new("@EnableEurekaServer", Code);
    private static readonly Term EnableAdminServer = new("@EnableAdminServer", Code);
    private static readonly Term QuarkusMain = new("@QuarkusMain", Code);
    private static readonly Term QuarkusRun = new("Quarkus.run(", Code);
    private static readonly Term MicronautRun = new("Micronaut.run(", Code);
    private static readonly Term MicronautBuild = new("Micronaut.build(", Code);
    private static readonly Term MicronautImport = new("io.micronaut.runtime.Micronaut.run", Code);
    private static readonly Term KtorEmbedded = new("embeddedServer(", Code);
    private static readonly Term KtorEngineMain = new("EngineMain", Code);
    private static readonly Term HelidonBuilder = new("WebServer.builder(", Code);
    private static readonly Term HelidonCreate = new("WebServer.create(", Code);
    private static readonly Term HelidonMain = new("io.helidon.microprofile", Code);
    private static readonly Term VertxHttp = new("createHttpServer(", Code);
    private static readonly Term VertxDeploy = new("deployVerticle(", Code);
    private static readonly Term DropwizardCore = new("io.dropwizard.core.Application", Code);
    private static readonly Term DropwizardLegacy = new("io.dropwizard.Application", Code);
    private static readonly Term Javalin = new("Javalin.create(", Code);
    private static readonly Term Http4k = new(".asServer(", Code);
    private static readonly Term SparkJava = new("import static spark.Spark", Code);
    private static readonly Term NewServerAt = new("newServerAt(", Code);
    private static readonly Term BindAndHandle = new("bindAndHandle(", Code);
    private static readonly Term ZioServe = new("Server.serve(", Code);
    private static readonly Term Ember = new("EmberServerBuilder", Code);
    private static readonly Term Blaze = new("BlazeServerBuilder", Code);
    private static readonly Term TapirNettySync = new("NettySyncServer", Code);
    private static readonly Term TapirNettyFuture = new("NettyFutureServer", Code);
    private static readonly Term TapirNettyCats = new("NettyCatsServer", Code);
    private static readonly Term TapirNettyZio = new("NettyZioServer", Code);
    private static readonly Term Cask = new("cask.MainRoutes", Code);
    private static readonly Term FinagleServe = new("Http.serve(", Code);
    private static readonly Term JdkHttpServer = new("HttpServer.create(", Code);
    private static readonly Term Undertow = new("Undertow.builder(", Code);
    private static readonly Term NettyBootstrap = new("new ServerBootstrap(", Code);
    private static readonly Term JettyServer = new("org.eclipse.jetty.server.Server;", Code);
    private static readonly Term GrpcServer = new("ServerBuilder.forPort(", Code);

    private static readonly Term[] ListenerTerms =
    [
        new("@KafkaListener", Code), new("@RabbitListener", Code), new("@JmsListener", Code), new("@SqsListener", Code),
        new("@StreamListener", Code), new("@Incoming(", Code), new("new KafkaStreams(", Code), new("KafkaConsumer<", Code),
        new("basicConsume(", Code), new("Consumer.committableSource(", Code), new("Consumer.plainSource(", Code),
        new("KafkaConsumer.stream(", Code), new("Consumer.plainStream(", Code), new("@RabbitHandler", Code),
    ];

    private static readonly Term[] ScheduleTerms = [new("@Scheduled(", Code), new("@EnableScheduling", Code)];

    private static readonly Term[] MainTerms =
    [
        new("static void main(", Code), new("fun main(", Code), new("def main(", Code), new("extends IOApp", Code), new("ZIOAppDefault", Code),
    ];

    /// <summary>Entry points in the order they are tried: the first that a module shows names its kind.</summary>
    private static readonly (string Kind, Term[] Terms)[] Servers =
    [
        ("ktor", [KtorEmbedded, KtorEngineMain]),
        ("helidon", [HelidonBuilder, HelidonCreate, HelidonMain]),
        ("dropwizard", [DropwizardCore, DropwizardLegacy]),
        ("javalin", [Javalin]),
        ("http4k", [Http4k]),
        ("spark-java", [SparkJava]),
        ("http4s", [Ember, Blaze]),
        ("zio-http", [ZioServe]),
        ("tapir", [TapirNettySync, TapirNettyFuture, TapirNettyCats, TapirNettyZio]),
        ("akka-http", [NewServerAt, BindAndHandle]),
        ("cask", [Cask]),
        ("finagle", [FinagleServe]),
        ("vertx", [VertxHttp]),
        ("jvm-server", [JdkHttpServer, Undertow, NettyBootstrap, JettyServer]),
    ];

    private static readonly string[] SpringWeb =
    [
        "org.springframework.boot:spring-boot-starter-web", "org.springframework.boot:spring-boot-starter-webmvc", "org.springframework.boot:spring-boot-starter-webflux",
        "org.springframework.boot:spring-boot-starter-jersey", "org.springframework.boot:spring-boot-starter-tomcat", "org.springframework.boot:spring-boot-starter-jetty",
        "org.springframework.boot:spring-boot-starter-undertow", "org.springframework.cloud:spring-cloud-starter-gateway*", "org.springframework.cloud:spring-cloud-gateway-server*",
        "org.springframework.boot:spring-boot-starter-graphql", "org.springframework.boot:spring-boot-starter-data-rest", "org.springframework.boot:spring-boot-starter-websocket",
    ];

    private static readonly string[] SpringMessaging =
    [
        "org.springframework.kafka:spring-kafka", "org.springframework.boot:spring-boot-starter-amqp", "org.springframework.amqp:spring-rabbit",
        "org.springframework.cloud:spring-cloud-stream*", "org.springframework.cloud:spring-cloud-starter-stream-*", "org.springframework.boot:spring-boot-starter-pulsar",
        "org.springframework.boot:spring-boot-starter-artemis", "org.springframework.boot:spring-boot-starter-activemq", "io.awspring.cloud:spring-cloud-aws-starter-sqs",
        "com.azure.spring:spring-cloud-azure-stream-binder-*", "org.springframework.boot:spring-boot-starter-kafka",
    ];

    /// <summary>Spring Cloud servers the team configures rather than writes: kind, the annotation and the starter.</summary>
    private static readonly (string Kind, Term Annotation, string Package)[] PackagedServers =
    [
        ("config-server", EnableConfigServer, "org.springframework.cloud:spring-cloud-config-server"),
        ("service-registry", EnableEurekaServer, "org.springframework.cloud:spring-cloud-starter-netflix-eureka-server"),
        ("admin-server", EnableAdminServer, "de.codecentric:spring-boot-admin-starter-server"),
    ];

    private static readonly string[] QuarkusHttp =
    [
        "io.quarkus:quarkus-rest*", "io.quarkus:quarkus-resteasy*", "io.quarkus:quarkus-vertx-http", "io.quarkus:quarkus-reactive-routes", "io.quarkus:quarkus-undertow",
        "io.quarkus:quarkus-websockets*", "io.quarkus:quarkus-spring-web", "io.quarkiverse.quinoa:quarkus-quinoa", "io.quarkus:quarkus-smallrye-graphql",
    ];

    private static readonly string[] Messaging =
    [
        "io.quarkus:quarkus-messaging-*", "io.quarkus:quarkus-smallrye-reactive-messaging-*", "io.quarkus:quarkus-kafka-streams", "io.micronaut.kafka:*",
        "io.micronaut.rabbitmq:*", "io.micronaut.jms:*", "io.micronaut.nats:*", "io.micronaut.gcp:micronaut-gcp-pubsub",
    ];

    private static readonly HashSet<string> ToolWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "testing", "it", "e2e", "benchmark", "benchmarks", "bench", "jmh", "gatling", "perf", "performance", "load", "loadtest", "loadtests",
        "stress", "simulation", "simulations", "example", "examples", "sample", "samples", "demo", "demos", "playground", "codegen", "generator", "buildsrc",
        "build-logic", "fixtures",
    };

    public static IEnumerable<Term> Terms =>
        new[] { SpringBootApplication, QuarkusMain, QuarkusRun, MicronautRun, MicronautBuild, MicronautImport, VertxDeploy, GrpcServer }
            .Concat(PackagedServers.Select(p => p.Annotation))
            .Concat(Servers.SelectMany(s => s.Terms))
            .Concat(ListenerTerms).Concat(ScheduleTerms).Concat(MainTerms);

    public static void Find(ServiceDiscovery discovery, string ecosystem)
    {
        var workspace = discovery.Workspace;
        var modules = JvmModules.Of(workspace);
        if (modules.Count == 0)
        {
            return;
        }

        // Production code hits of every term, by the module that owns the file.
        var hitsByModule = new Dictionary<string, Dictionary<Term, TermHit>>(StringComparer.Ordinal);
        foreach (var term in Terms.Distinct())
        {
            foreach (var hit in workspace.Content.Hits(term))
            {
                if (hit.IsCommentedOut || discovery.IsExcludedOrTest(hit.File.Path) || workspace.IsTestPath(hit.File.Path) || IsTestSourceSet(hit.File.Path))
                {
                    continue;
                }

                if (JvmModules.Owner(modules, hit.File.Path) is { } owner)
                {
                    if (!hitsByModule.TryGetValue(owner.Directory, out var hits))
                    {
                        hits = [];
                        hitsByModule[owner.Directory] = hits;
                    }

                    hits.TryAdd(term, hit);
                }
            }
        }

        foreach (var module in modules)
        {
            if (discovery.IsExcludedOrTest(module.BuildFile) || IsTool(module) || module.Declares("plugin:com.android.application") || module.Declares("plugin:com.android.library"))
            {
                continue;
            }

            var hits = hitsByModule.GetValueOrDefault(module.Directory) ?? [];
            var closure = JvmModules.CodeRoots(module, modules);
            var effective = modules.Where(m => closure.Contains(m.Directory)).ToList();
            bool Has(string name) => effective.Any(m => m.Has(name));
            TermHit? Hit(params Term[] terms) => terms.Select(t => hits.GetValueOrDefault(t)).FirstOrDefault(h => h is not null);
            Evidence At(TermHit hit) => new(hit.File.Path, hit.Line, hit.LineText.Trim());

            if (Classify(module, hits, Has, Hit, path => workspace.Files.Get(path) is not null) is not { } found)
            {
                continue;
            }

            var name = ApplicationName(workspace, module.Directory) ?? module.Name;
            var roots = found.Packaged ? [] : closure;
            var evidence = found.Hit is { } h ? At(h) : found.Evidence!;
            var service = discovery.Add(module.Directory, name, found.Kind, ecosystem, evidence, found.ServesHttp, roots);
            if (!service.Name.Equals(module.Name, StringComparison.OrdinalIgnoreCase) && module.Name.Length > 0)
            {
                service.Aliases.Add(module.Name);
            }

            foreach (var (dockerfile, _) in module.Dockerfiles)
            {
                if (workspace.Files.Get(dockerfile) is not null)
                {
                    service.Dockerfiles.Add(dockerfile);
                }
            }
        }

        // An sbt project that only packages others (sbt-native-packager) ships the service it depends on: its other
        // dependencies (a UI project) are code of that service, and its package name is the program's name.
        foreach (var packaging in modules.Where(m => m.SbtPlugins.Any(p => p is "DockerPlugin" or "JavaAppPackaging" or "JavaServerAppPackaging")))
        {
            var served = discovery.Services.Where(s => s.HasCode && packaging.DependsOn.Contains(s.Path)).ToList();
            if (served.Count != 1 || discovery.Services.Any(s => s.Path == packaging.Directory))
            {
                continue;
            }

            foreach (var root in JvmModules.CodeRoots(packaging, modules).Where(r => !served[0].Roots.Contains(r)))
            {
                served[0].Roots.Add(root);
            }

            if (packaging.ProgramName is { Length: > 0 } program && !program.Equals(served[0].Name, StringComparison.OrdinalIgnoreCase))
            {
                served[0].Aliases.Add(served[0].Name);
                served[0].Name = program;
            }
        }
    }

    private sealed record Classification(string Kind, bool ServesHttp, TermHit? Hit, Evidence? Evidence = null, bool Packaged = false);

    private static Classification? Classify(JvmModule module, Dictionary<Term, TermHit> hits, Func<string, bool> has, Func<Term[], TermHit?> hit, Func<string, bool> exists)
    {
        var listener = hit(ListenerTerms);
        if (hit([SpringBootApplication]) is { } boot)
        {
            foreach (var (kind, annotation, package) in PackagedServers)
            {
                if (hits.TryGetValue(annotation, out var enable) || has(package))
                {
                    return new Classification(kind, true, enable ?? boot, Packaged: true);
                }
            }

            if (SpringWeb.Any(has))
            {
                return new Classification("spring-boot", true, boot);
            }

            if (listener is not null || SpringMessaging.Any(has) || hit(ScheduleTerms) is not null)
            {
                return new Classification("worker", false, listener ?? boot);
            }

            return new Classification("spring-boot", false, boot);
        }

        var quarkusApp = module.Declares("io.quarkus:quarkus-maven-plugin") || module.Declares("io.quarkus.platform:quarkus-maven-plugin") || module.Declares("plugin:io.quarkus");
        if (quarkusApp || hit([QuarkusMain, QuarkusRun]) is not null)
        {
            var evidence = hit([QuarkusMain, QuarkusRun]) is null ? BuildEvidence(module, "io.quarkus", "Quarkus application") : null;
            var web = QuarkusHttp.Any(has);
            return new Classification(web || listener is null && !Messaging.Any(has) ? "quarkus" : "worker", web, hit([QuarkusMain, QuarkusRun]), evidence);
        }

        if (hit([MicronautRun, MicronautBuild, MicronautImport]) is { } micronaut)
        {
            var web = has("io.micronaut:micronaut-http-server*") || has("io.micronaut.servlet:*");
            return new Classification(web || listener is null && !Messaging.Any(has) ? "micronaut" : "worker", web, micronaut);
        }

        if (module.MainClasses.FirstOrDefault(m => m.StartsWith("io.ktor.server.", StringComparison.Ordinal) && m.EndsWith("EngineMain", StringComparison.Ordinal)) is { } engineMain)
        {
            return new Classification("ktor", true, hit([KtorEngineMain, KtorEmbedded]), BuildEvidence(module, "plugin:io.ktor", $"Ktor main class {engineMain}"));
        }

        foreach (var (kind, terms) in Servers)
        {
            if (hit(terms) is { } server && (kind != "ktor" || has("io.ktor:ktor-server*")) && (kind != "zio-http" || has("dev.zio:zio-http*")) &&
                (kind != "akka-http" || has("com.typesafe.akka:akka-http*") || has("org.apache.pekko:pekko-http*")))
            {
                var named = kind == "akka-http" && has("org.apache.pekko:pekko-http*") ? "pekko-http" : kind;
                return new Classification(named, true, server);
            }
        }

        if (module.MainClasses.Any(m => m.StartsWith("io.helidon.", StringComparison.Ordinal)))
        {
            return new Classification("helidon", true, null, BuildEvidence(module, "io.helidon", "Helidon main class"));
        }

        var routes = RelativePaths.Combine(module.Directory, "conf/routes");
        if (module.SbtPlugins.Any(p => p.StartsWith("Play", StringComparison.Ordinal)) ||
            exists(routes) && (module.Declares("com.typesafe.play:*") || module.Declares("org.playframework:*") || module.Declares("plugin:org.gradle.playframework")))
        {
            return new Classification("play", true, null, exists(routes) ? new Evidence(routes, null, "Play routes") : new Evidence(module.BuildFile, module.BuildLine, "sbt project enables the Play plugin"));
        }

        if (hit([GrpcServer]) is { } grpc)
        {
            return new Classification("grpc-server", false, grpc);
        }

        var verticle = hit([VertxDeploy]);
        if (verticle is not null || module.MainClasses.Any(m => m.StartsWith("io.vertx.", StringComparison.Ordinal)))
        {
            return new Classification("vertx", has("io.vertx:vertx-web*"), verticle, verticle is null ? BuildEvidence(module, "io.vertx", "Vert.x launcher") : null);
        }

        if (listener is not null && hit(MainTerms) is not null)
        {
            return new Classification("worker", false, listener);
        }

        return null;
    }

    private static Evidence BuildEvidence(JvmModule module, string packagePrefix, string detail)
    {
        var reference = module.Packages.FirstOrDefault(p => p.Name.StartsWith(packagePrefix, StringComparison.OrdinalIgnoreCase) || p.Name.StartsWith("plugin:" + packagePrefix, StringComparison.OrdinalIgnoreCase));
        return reference is null ? new Evidence(module.BuildFile, module.BuildLine, detail) : new Evidence(reference.ManifestPath, reference.Line, $"{detail} ({reference.Name})");
    }

    /// <summary>Test and benchmark source sets of Gradle/Maven/sbt modules that the shared test-path rules do not name.</summary>
    private static bool IsTestSourceSet(string path)
    {
        var segments = RelativePaths.Segments(path);
        for (var i = 0; i + 1 < segments.Length; i++)
        {
            if (segments[i] == "src" && (segments[i + 1] is "it" or "integrationTest" or "testFixtures" or "jmh" or "gatling" or "testIntegration" ||
                                         segments[i + 1].EndsWith("Test", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Modules of tests, benchmarks, load tests, examples and build logic are tools, not services.</summary>
    private static bool IsTool(JvmModule module) =>
        module.Directory.Length > 0 &&
        (RelativePaths.Segments(module.Directory).Any(s => ToolWords.Contains(s)) ||
         module.Name.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries).Any(ToolWords.Contains) ||
         RelativePaths.FileName(module.Directory).Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries).Any(ToolWords.Contains));

    /// <summary>spring.application.name (or the Quarkus and Micronaut equivalent) in the module's main resources.</summary>
    internal static string? ApplicationName(Workspace workspace, string directory)
    {
        var resources = RelativePaths.Combine(directory, "src/main/resources");
        foreach (var file in new[] { "application.properties", "application.yml", "application.yaml", "bootstrap.yml", "bootstrap.yaml", "bootstrap.properties" })
        {
            if (workspace.Text(RelativePaths.Combine(resources, file)) is not { } text)
            {
                continue;
            }

            if (file.EndsWith(".properties", StringComparison.Ordinal))
            {
                foreach (var line in text.Lines())
                {
                    var trimmed = line.Trim();
                    foreach (var key in new[] { "spring.application.name", "quarkus.application.name", "micronaut.application.name" })
                    {
                        if (trimmed.StartsWith(key, StringComparison.Ordinal) && trimmed[key.Length..].TrimStart() is ['=' or ':', .. var rest] && Plain(rest.Trim()) is { } value)
                        {
                            return value;
                        }
                    }
                }

                continue;
            }

            foreach (var document in YamlDocuments.Load(text.Text, out _))
            {
                foreach (var framework in new[] { "spring", "quarkus", "micronaut" })
                {
                    if (Plain(document.Path(framework, "application", "name").Scalar()) is { } value)
                    {
                        return value;
                    }
                }
            }
        }

        return null;

        static string? Plain(string? value) => value is { Length: > 0 } && !value.Contains("${", StringComparison.Ordinal) && !value.Contains('@') ? value : null;
    }
}
