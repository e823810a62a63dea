using System.Collections.Frozen;

namespace Gaplens.Ecosystems.Facts;

/// <summary>A database, cache, broker or storage service an application can depend on at run time.</summary>
public sealed record DataStore(string Name, DependencyCategory Category, string Kind);

/// <summary>
/// The vocabulary of data stores that ecosystems' dependency lists refer to by key ("postgresql"), and the container
/// images that run them. Stores are not an ecosystem's own: every stack's drivers point at the same PostgreSQL.
/// </summary>
public static class DataStores
{
    private static readonly FrozenDictionary<string, DataStore> ByKey = new Dictionary<string, DataStore>(StringComparer.Ordinal)
    {
        ["postgresql"] = new("PostgreSQL", DependencyCategory.Database, "relational"),
        ["mysql"] = new("MySQL", DependencyCategory.Database, "relational"),
        ["sqlserver"] = new("SQL Server", DependencyCategory.Database, "relational"),
        ["sqlite"] = new("SQLite", DependencyCategory.Database, "relational"),
        ["oracle"] = new("Oracle", DependencyCategory.Database, "relational"),
        ["sql"] = new("SQL database", DependencyCategory.Database, "relational"),
        ["h2"] = new("H2", DependencyCategory.Database, "relational"),
        ["spanner"] = new("Spanner", DependencyCategory.Database, "relational"),
        ["cockroachdb"] = new("CockroachDB", DependencyCategory.Database, "relational"),
        ["mongodb"] = new("MongoDB", DependencyCategory.Database, "document"),
        ["cosmosdb"] = new("Cosmos DB", DependencyCategory.Database, "document"),
        ["dynamodb"] = new("DynamoDB", DependencyCategory.Database, "document"),
        ["firestore"] = new("Firestore", DependencyCategory.Database, "document"),
        ["couchdb"] = new("CouchDB", DependencyCategory.Database, "document"),
        ["deno-kv"] = new("Deno KV", DependencyCategory.Database, "document"),
        ["cassandra"] = new("Cassandra", DependencyCategory.Database, "wide-column"),
        ["elasticsearch"] = new("Elasticsearch", DependencyCategory.Database, "search"),
        ["meilisearch"] = new("Meilisearch", DependencyCategory.Database, "search"),
        ["redis"] = new("Redis", DependencyCategory.Cache, "key-value"),
        ["memcached"] = new("Memcached", DependencyCategory.Cache, "key-value"),
        ["rabbitmq"] = new("RabbitMQ", DependencyCategory.Broker, "queue"),
        ["kafka"] = new("Kafka", DependencyCategory.Broker, "stream"),
        ["servicebus"] = new("Azure Service Bus", DependencyCategory.Broker, "queue"),
        ["eventhubs"] = new("Azure Event Hubs", DependencyCategory.Broker, "stream"),
        ["sqs"] = new("Amazon SQS/SNS", DependencyCategory.Broker, "queue"),
        ["nats"] = new("NATS", DependencyCategory.Broker, "queue"),
        ["pubsub"] = new("Google Pub/Sub", DependencyCategory.Broker, "queue"),
        ["masstransit"] = new("MassTransit", DependencyCategory.Broker, "bus"),
        ["celery"] = new("Celery", DependencyCategory.Broker, "queue"),
        ["bullmq"] = new("BullMQ", DependencyCategory.Broker, "queue"),
        ["sidekiq"] = new("Sidekiq", DependencyCategory.Broker, "queue"),
        ["job-queue"] = new("background job queue", DependencyCategory.Broker, "queue"),
        ["s3"] = new("Amazon S3", DependencyCategory.Storage, "object"),
        ["blob"] = new("Azure Blob Storage", DependencyCategory.Storage, "object"),
        ["gcs"] = new("Google Cloud Storage", DependencyCategory.Storage, "object"),
        ["minio"] = new("MinIO", DependencyCategory.Storage, "object"),
        ["azure-storage"] = new("Azure Storage", DependencyCategory.Storage, "object"),
        ["object-storage"] = new("object storage", DependencyCategory.Storage, "object"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> Keys => ByKey.Keys.Order(StringComparer.Ordinal);

    public static DataStore? Find(string key) => ByKey.GetValueOrDefault(key);

    public static DataStore Get(string key) => ByKey[key];

    /// <summary>Image name fragments of infrastructure containers (compose, Kubernetes) that run a store.</summary>
    public static readonly IReadOnlyList<(string Image, DataStore Store)> Images =
    [
        ("postgres", Get("postgresql")), ("postgis", Get("postgresql")), ("pgvector", Get("postgresql")), ("timescale", Get("postgresql")),
        ("mysql", Get("mysql")), ("mariadb", Get("mysql")), ("mssql", Get("sqlserver")), ("sql-server", Get("sqlserver")),
        ("mongo", Get("mongodb")), ("cosmosdb", Get("cosmosdb")), ("dynamodb", Get("dynamodb")), ("cassandra", Get("cassandra")),
        ("scylla", Get("cassandra")), ("couchdb", Get("couchdb")), ("cockroach", Get("cockroachdb")),
        ("elasticsearch", Get("elasticsearch")), ("opensearch", Get("elasticsearch")), ("meilisearch", Get("meilisearch")),
        ("redis", Get("redis")), ("valkey", Get("redis")), ("dragonfly", Get("redis")), ("memcached", Get("memcached")),
        ("rabbitmq", Get("rabbitmq")), ("kafka", Get("kafka")), ("redpanda", Get("kafka")), ("nats", Get("nats")),
        ("minio", Get("minio")), ("azurite", Get("blob")), ("localstack", Get("s3")), ("spanner", Get("spanner")), ("pubsub", Get("pubsub")),
    ];

    /// <summary>The store a container image runs, or null.</summary>
    public static DataStore? ForImage(string image)
    {
        var shortName = ShortImageName(image);
        if (shortName.Length == 0)
        {
            return null;
        }

        foreach (var (fragment, store) in Images)
        {
            if (shortName.Contains(fragment, StringComparison.Ordinal))
            {
                return store;
            }
        }

        return null;
    }

    /// <summary>Images that are infrastructure or tooling (stores, proxies, observability, mail catchers, emulators) rather than the repository's own services.</summary>
    public static bool IsInfrastructureImage(string image)
    {
        var shortName = ShortImageName(image);
        return ForImage(image) is not null || InfrastructureImages.Contains(shortName) || shortName.Contains("emulator", StringComparison.Ordinal);
    }

    /// <summary>"registry.io/org/name:tag@sha" → "name", lower case.</summary>
    public static string ShortImageName(string image)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            return string.Empty;
        }

        var name = image.ToLowerInvariant().Split('@')[0];
        var lastSlash = name.LastIndexOf('/');
        var colon = name.IndexOf(':', lastSlash + 1);
        return (colon >= 0 ? name[..colon] : name)[(lastSlash + 1)..];
    }

    private static readonly FrozenSet<string> InfrastructureImages = new[]
    {
        "nginx", "traefik", "envoy", "haproxy", "caddy", "adminer", "pgadmin4", "mailhog", "mailpit", "mailcatcher", "jaeger", "all-in-one", "zipkin",
        "prometheus", "grafana", "loki", "tempo", "otel-collector", "opentelemetry-collector", "opentelemetry-collector-contrib", "seq", "kibana",
        "busybox", "alpine", "curl", "keycloak", "vault", "consul", "zookeeper", "smtp4dev", "maildev", "dozzle", "portainer", "selenium",
        "standalone-chrome", "cloud-sdk", "gcloud", "pgbouncer", "wiremock", "mockserver", "k6", "locust",
    }.ToFrozenSet(StringComparer.Ordinal);
}
