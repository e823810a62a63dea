using Gaplens.Core.Model;

namespace Gaplens.Practices.Tests;

using Gaplens.Tests;

/// <summary>
/// Rust as an owner sees it: binaries that start a listener are services named after the binary, their workspace
/// crates are their code, a Dockerfile in docker/ that builds the workspace belongs to them, queue consumers are
/// workers and other binaries are tools.
/// </summary>
public sealed class RustEcosystemTests
{
    private const string Workspace = """
        [workspace]
        members = ["crates/*"]

        [workspace.dependencies]
        app_api = { path = "./crates/api" }
        app_db = { path = "./crates/db" }
        diesel = { version = "2", features = ["postgres"] }
        actix-web = "4"
        """;

    /// <summary>A workspace like many production Rust services: a server crate over API and database crates, built from docker/.</summary>
    private static FixtureCopy ServerWorkspace() => FixtureCopy.Empty()
        .With("Cargo.toml", Workspace)
        .With("crates/server/Cargo.toml", "[package]\nname = \"app_server\"\n\n[dependencies]\napp_api = { workspace = true }\nactix-web = { workspace = true }\n")
        .With("crates/server/src/main.rs", "#[actix_web::main]\nasync fn main() -> std::io::Result<()> {\n    app_server::start().await\n}\n")
        .With("crates/server/src/lib.rs", "use actix_web::{App, HttpServer};\n\npub async fn start() -> std::io::Result<()> {\n    HttpServer::new(|| App::new().configure(app_api::routes)).bind((\"0.0.0.0\", 8536))?.run().await\n}\n")
        .With("crates/api/Cargo.toml", "[package]\nname = \"app_api\"\n\n[dependencies]\napp_db = { workspace = true }\nactix-web = { workspace = true }\n")
        .With("crates/api/src/lib.rs", "use actix_web::web;\n\npub fn routes(cfg: &mut web::ServiceConfig) {\n    cfg.service(web::scope(\"/api/v1\").route(\"/posts\", web::get().to(list)));\n}\n")
        .With("crates/db/Cargo.toml", "[package]\nname = \"app_db\"\n\n[dependencies]\ndiesel = { workspace = true }\n")
        .With("crates/db/src/lib.rs", "pub fn connect() {}\n")
        .With("docker/Dockerfile", "FROM rust:1.80 AS builder\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app/target/release/app_server /usr/local/bin\nENTRYPOINT [\"app_server\"]\nEXPOSE 8536\n")
        .With("docker/docker-compose.yml", "services:\n  app:\n    build:\n      context: ../\n      dockerfile: docker/Dockerfile\n    ports: [\"8536:8536\"]\n");

    [Fact]
    public void A_binary_that_starts_a_server_is_the_service_named_after_it_with_its_workspace_crates_and_docker_folder()
    {
        using var tree = ServerWorkspace();

        var facts = Scan.Run(tree.Root).Facts;

        var service = Assert.Single(facts.Services);
        Assert.Equal("app_server", service.Name);
        Assert.Equal("crates/server", service.Path);
        Assert.Equal("rust-actix-web", service.Kind);
        Assert.Equal("rust", service.Ecosystem);
        Assert.True(service.ServesHttp);
        Assert.Equal(["crates/server", "crates/api", "crates/db"], service.CodeRoots);
        Assert.Equal(["docker/Dockerfile"], service.Dockerfiles);
        Assert.Contains("app", service.Aliases);
        Assert.Equal("crates/server/src/lib.rs", service.Evidence.Path);
        Assert.Equal("PostgreSQL", Assert.Single(facts.Databases).Name);
        Assert.NotNull(facts.HttpApi);
    }

    [Fact]
    public void The_workspace_shows_its_ci_and_cargo_conventions()
    {
        using var tree = ServerWorkspace()
            .With(".github/workflows/ci.yml", """
                on: [pull_request]
                jobs:
                  check:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: cargo fmt --all -- --check
                      - run: cargo clippy --all-targets -- -D warnings
                      - run: cargo test --workspace --locked
                """)
            .With("rustfmt.toml", "edition = \"2021\"\n")
            .With("diesel.toml", "[print_schema]\nfile = \"crates/db/src/schema.rs\"\n")
            .With("migrations/2024-01-01-000000_create_posts/up.sql", "CREATE TABLE posts (id SERIAL PRIMARY KEY);\n")
            .With("migrations/2024-01-01-000000_create_posts/down.sql", "DROP TABLE posts;\n")
            .With("crates/db/src/lib.rs", "pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!(\"../../migrations\");\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn migrations_are_embedded() {}\n}\n");

        var result = Scan.Run(tree.Root);
        string Status(string id) => result.Verdicts.Single(v => v.PracticeId == id).Status.ToWire();

        Assert.Equal(["github-actions"], result.Facts.CiSystems);
        Assert.Equal("present", Status("ci-runs-tests"));
        Assert.Equal("present", Status("data-migrations"));
        Assert.Equal("present", Status("dx-code-style"));
        Assert.Equal("present", Status("test-unit"));
        Assert.Equal("present", Status("deploy-containerized"));
        Assert.Equal("present", Status("api-versioning"));
        Assert.Equal("partial", Status("res-graceful-shutdown"));
    }

    [Fact]
    public void A_library_that_starts_the_server_makes_a_service_of_the_binary_that_calls_it()
    {
        using var tree = FixtureCopy.Empty()
            .With("Cargo.toml", "[workspace]\nmembers = [\"app\", \"server\"]\n")
            .With("app/Cargo.toml", "[package]\nname = \"shop-app\"\n[dependencies]\naxum = \"0.7\"\n")
            .With("app/src/lib.rs", "pub async fn serve(listener: tokio::net::TcpListener) {\n    axum::serve(listener, axum::Router::new()).await.unwrap();\n}\n")
            .With("server/Cargo.toml", "[package]\nname = \"shop\"\n[dependencies]\nshop-app = { path = \"../app\" }\n")
            .With("server/src/main.rs", "#[tokio::main]\nasync fn main() {\n    shop_app::serve(tokio::net::TcpListener::bind(\"0.0.0.0:3000\").await.unwrap()).await;\n}\n");

        var service = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        Assert.Equal("shop", service.Name);
        Assert.Equal("rust-axum", service.Kind);
        Assert.Equal(["server", "app"], service.CodeRoots);
    }

    [Fact]
    public void Tools_examples_benches_and_crates_excluded_from_the_workspace_are_not_services()
    {
        using var tree = ServerWorkspace()
            .With("crates/cli/Cargo.toml", "[package]\nname = \"app-cli\"\n[dependencies]\nclap = \"4\"\n")
            .With("crates/cli/src/main.rs", "fn main() {\n    println!(\"hello\");\n}\n")
            .With("crates/cli/Dockerfile", "FROM rust:1.80\nCOPY . .\nRUN cargo install --path .\nCMD [\"app-cli\"]\n")
            .With("crates/server/examples/demo.rs", "fn main() {\n    let _ = actix_web::HttpServer::new(|| actix_web::App::new());\n}\n")
            .With("crates/server/benches/load.rs", "fn main() {\n    let _ = actix_web::HttpServer::new(|| actix_web::App::new());\n}\n")
            .With("Cargo.toml", Workspace.Replace("members = [\"crates/*\"]", "members = [\"crates/*\"]\nexclude = [\"legacy/*\"]", StringComparison.Ordinal))
            .With("legacy/old-server/Cargo.toml", "[package]\nname = \"old-server\"\n")
            .With("legacy/old-server/src/main.rs", "fn main() {\n    let _ = actix_web::HttpServer::new(|| actix_web::App::new());\n}\n");

        var services = Scan.Run(tree.Root).Facts.Services;

        Assert.Equal(["app_server"], services.Select(s => s.Name));
    }

    [Fact]
    public void A_binary_that_consumes_a_queue_is_a_worker()
    {
        using var tree = FixtureCopy.Empty()
            .With("Cargo.toml", "[package]\nname = \"mailer\"\n[dependencies]\nlapin = \"2\"\n")
            .With("src/main.rs", "#[tokio::main]\nasync fn main() {\n    let consumer = channel.basic_consume(\"mail\", \"mailer\", Default::default(), Default::default()).await.unwrap();\n}\n");

        var service = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        Assert.Equal("mailer", service.Name);
        Assert.Equal("rust-worker", service.Kind);
        Assert.False(service.ServesHttp);
        Assert.Contains(Scan.Run(tree.Root).Facts.Dependencies, d => d.Name == "RabbitMQ");
    }

    [Fact]
    public void A_server_binary_and_a_queue_worker_binary_of_one_crate_are_two_processes_of_one_service()
    {
        using var tree = FixtureCopy.Empty()
            .With("Cargo.toml", "[package]\nname = \"orders\"\n[dependencies]\naxum = \"0.7\"\nrdkafka = \"0.36\"\n")
            .With("src/main.rs", "#[tokio::main]\nasync fn main() {\n    let listener = tokio::net::TcpListener::bind(\"0.0.0.0:8080\").await.unwrap();\n    axum::serve(listener, axum::Router::new()).await.unwrap();\n}\n")
            .With("src/bin/order-events.rs", "use rdkafka::consumer::StreamConsumer;\n\nfn main() {\n    let consumer: StreamConsumer = todo!();\n}\n");

        var service = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        Assert.Equal("orders", service.Name);
        Assert.Equal(["order-events", "orders"], service.Processes.Select(p => p.Name));
    }

    [Fact]
    public void A_binary_in_src_bin_that_starts_the_server_is_named_after_its_file()
    {
        using var tree = FixtureCopy.Empty()
            .With("Cargo.toml", "[package]\nname = \"toolkit\"\n[dependencies]\nwarp = \"0.3\"\n")
            .With("src/lib.rs", "pub fn util() {}\n")
            .With("src/bin/gateway.rs", "#[tokio::main]\nasync fn main() {\n    warp::serve(warp::any().map(|| \"ok\")).run(([0, 0, 0, 0], 8080)).await;\n}\n")
            .With("src/bin/import.rs", "fn main() {}\n");

        var service = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        Assert.Equal("gateway", service.Name);
        Assert.Equal("rust-warp", service.Kind);
    }

    [Theory]
    [InlineData("diesel = { version = \"2\", features = [\"mysql\"] }", "MySQL")]
    [InlineData("sqlx = { version = \"0.8\", features = [\"runtime-tokio\", \"sqlite\"] }", "SQLite")]
    [InlineData("diesel = \"2\"", "SQL database")]
    [InlineData("tokio-postgres = \"0.7\"", "PostgreSQL")]
    public void Database_engines_come_from_driver_features_or_driver_crates(string dependency, string database)
    {
        using var tree = FixtureCopy.Empty()
            .With("Cargo.toml", $"[package]\nname = \"store\"\n[dependencies]\n{dependency}\n")
            .With("src/main.rs", "fn main() {}\n");

        Assert.Equal(database, Assert.Single(Scan.Run(tree.Root).Facts.Databases).Name);
    }
}
