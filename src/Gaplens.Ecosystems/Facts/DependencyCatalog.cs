using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Facts;

/// <summary>Packages and container images that reveal a database, cache, broker or storage dependency.</summary>
internal static class DependencyCatalog
{
    public sealed record Entry(string Name, DependencyCategory Category, string Kind);

    private static readonly Entry Postgres = new("PostgreSQL", DependencyCategory.Database, "relational");
    private static readonly Entry MySql = new("MySQL", DependencyCategory.Database, "relational");
    private static readonly Entry SqlServer = new("SQL Server", DependencyCategory.Database, "relational");
    private static readonly Entry Sqlite = new("SQLite", DependencyCategory.Database, "relational");
    private static readonly Entry Oracle = new("Oracle", DependencyCategory.Database, "relational");
    private static readonly Entry Sql = new("SQL database", DependencyCategory.Database, "relational");
    private static readonly Entry H2 = new("H2", DependencyCategory.Database, "relational");
    private static readonly Entry Mongo = new("MongoDB", DependencyCategory.Database, "document");
    private static readonly Entry Cosmos = new("Cosmos DB", DependencyCategory.Database, "document");
    private static readonly Entry Dynamo = new("DynamoDB", DependencyCategory.Database, "document");
    private static readonly Entry Firestore = new("Firestore", DependencyCategory.Database, "document");
    private static readonly Entry Cassandra = new("Cassandra", DependencyCategory.Database, "wide-column");
    private static readonly Entry Spanner = new("Spanner", DependencyCategory.Database, "relational");
    private static readonly Entry Elastic = new("Elasticsearch", DependencyCategory.Database, "search");
    private static readonly Entry Redis = new("Redis", DependencyCategory.Cache, "key-value");
    private static readonly Entry Memcached = new("Memcached", DependencyCategory.Cache, "key-value");
    private static readonly Entry RabbitMq = new("RabbitMQ", DependencyCategory.Broker, "queue");
    private static readonly Entry Kafka = new("Kafka", DependencyCategory.Broker, "stream");
    private static readonly Entry ServiceBus = new("Azure Service Bus", DependencyCategory.Broker, "queue");
    private static readonly Entry EventHubs = new("Azure Event Hubs", DependencyCategory.Broker, "stream");
    private static readonly Entry Sqs = new("Amazon SQS/SNS", DependencyCategory.Broker, "queue");
    private static readonly Entry Nats = new("NATS", DependencyCategory.Broker, "queue");
    private static readonly Entry PubSub = new("Google Pub/Sub", DependencyCategory.Broker, "queue");
    private static readonly Entry MassTransit = new("MassTransit", DependencyCategory.Broker, "bus");
    private static readonly Entry Celery = new("Celery", DependencyCategory.Broker, "queue");
    private static readonly Entry Bull = new("BullMQ", DependencyCategory.Broker, "queue");
    private static readonly Entry S3 = new("Amazon S3", DependencyCategory.Storage, "object");
    private static readonly Entry Blob = new("Azure Blob Storage", DependencyCategory.Storage, "object");
    private static readonly Entry Gcs = new("Google Cloud Storage", DependencyCategory.Storage, "object");

    public static readonly IReadOnlyList<(PackageEcosystem Ecosystem, string Package, Entry Entry)> Packages =
    [
        (PackageEcosystem.NuGet, "Npgsql*", Postgres), (PackageEcosystem.NuGet, "Aspire.Npgsql*", Postgres),
        (PackageEcosystem.NuGet, "Marten", Postgres), (PackageEcosystem.NuGet, "Microsoft.EntityFrameworkCore.SqlServer", SqlServer),
        (PackageEcosystem.NuGet, "Aspire.Microsoft.EntityFrameworkCore.SqlServer", SqlServer), (PackageEcosystem.NuGet, "Microsoft.Data.SqlClient", SqlServer),
        (PackageEcosystem.NuGet, "System.Data.SqlClient", SqlServer), (PackageEcosystem.NuGet, "Aspire.Microsoft.Data.SqlClient", SqlServer),
        (PackageEcosystem.NuGet, "Microsoft.EntityFrameworkCore.Sqlite", Sqlite), (PackageEcosystem.NuGet, "Microsoft.Data.Sqlite*", Sqlite),
        (PackageEcosystem.NuGet, "Pomelo.EntityFrameworkCore.MySql", MySql), (PackageEcosystem.NuGet, "MySqlConnector", MySql),
        (PackageEcosystem.NuGet, "MySql.Data", MySql), (PackageEcosystem.NuGet, "Oracle.*", Oracle),
        (PackageEcosystem.NuGet, "MongoDB.Driver", Mongo), (PackageEcosystem.NuGet, "Aspire.MongoDB.Driver", Mongo),
        (PackageEcosystem.NuGet, "Microsoft.Azure.Cosmos", Cosmos), (PackageEcosystem.NuGet, "Aspire.Microsoft.Azure.Cosmos", Cosmos),
        (PackageEcosystem.NuGet, "AWSSDK.DynamoDBv2", Dynamo), (PackageEcosystem.NuGet, "CassandraCSharpDriver", Cassandra),
        (PackageEcosystem.NuGet, "Elastic.Clients.Elasticsearch", Elastic), (PackageEcosystem.NuGet, "NEST", Elastic),
        (PackageEcosystem.NuGet, "StackExchange.Redis", Redis), (PackageEcosystem.NuGet, "Aspire.StackExchange.Redis*", Redis),
        (PackageEcosystem.NuGet, "Microsoft.Extensions.Caching.StackExchangeRedis", Redis),
        (PackageEcosystem.NuGet, "RabbitMQ.Client", RabbitMq), (PackageEcosystem.NuGet, "Aspire.RabbitMQ.Client", RabbitMq),
        (PackageEcosystem.NuGet, "MassTransit.RabbitMQ", RabbitMq), (PackageEcosystem.NuGet, "Confluent.Kafka", Kafka),
        (PackageEcosystem.NuGet, "Aspire.Confluent.Kafka", Kafka), (PackageEcosystem.NuGet, "Azure.Messaging.ServiceBus", ServiceBus),
        (PackageEcosystem.NuGet, "Aspire.Azure.Messaging.ServiceBus", ServiceBus), (PackageEcosystem.NuGet, "MassTransit.Azure.ServiceBus.Core", ServiceBus),
        (PackageEcosystem.NuGet, "Azure.Messaging.EventHubs", EventHubs), (PackageEcosystem.NuGet, "AWSSDK.SQS", Sqs),
        (PackageEcosystem.NuGet, "AWSSDK.SimpleNotificationService", Sqs), (PackageEcosystem.NuGet, "NATS.Client*", Nats),
        (PackageEcosystem.NuGet, "NATS.Net", Nats), (PackageEcosystem.NuGet, "MassTransit", MassTransit),
        (PackageEcosystem.NuGet, "AWSSDK.S3", S3), (PackageEcosystem.NuGet, "Azure.Storage.Blobs", Blob),
        (PackageEcosystem.NuGet, "Google.Cloud.Storage.V1", Gcs), (PackageEcosystem.NuGet, "Google.Cloud.Spanner.Data", Spanner),

        (PackageEcosystem.Npm, "pg", Postgres), (PackageEcosystem.Npm, "postgres", Postgres), (PackageEcosystem.Npm, "@neondatabase/serverless", Postgres),
        (PackageEcosystem.Npm, "@vercel/postgres", Postgres), (PackageEcosystem.Npm, "@supabase/supabase-js", Postgres),
        (PackageEcosystem.Npm, "mysql", MySql), (PackageEcosystem.Npm, "mysql2", MySql), (PackageEcosystem.Npm, "@planetscale/database", MySql),
        (PackageEcosystem.Npm, "mssql", SqlServer), (PackageEcosystem.Npm, "tedious", SqlServer), (PackageEcosystem.Npm, "sqlite3", Sqlite),
        (PackageEcosystem.Npm, "better-sqlite3", Sqlite), (PackageEcosystem.Npm, "@libsql/client", Sqlite),
        (PackageEcosystem.Npm, "@prisma/client", Sql), (PackageEcosystem.Npm, "prisma", Sql), (PackageEcosystem.Npm, "typeorm", Sql),
        (PackageEcosystem.Npm, "sequelize", Sql), (PackageEcosystem.Npm, "knex", Sql), (PackageEcosystem.Npm, "drizzle-orm", Sql),
        (PackageEcosystem.Npm, "@mikro-orm/core", Sql), (PackageEcosystem.Npm, "kysely", Sql),
        (PackageEcosystem.Npm, "mongoose", Mongo), (PackageEcosystem.Npm, "mongodb", Mongo), (PackageEcosystem.Npm, "@azure/cosmos", Cosmos),
        (PackageEcosystem.Npm, "@aws-sdk/client-dynamodb", Dynamo), (PackageEcosystem.Npm, "@aws-sdk/lib-dynamodb", Dynamo),
        (PackageEcosystem.Npm, "firebase-admin", Firestore), (PackageEcosystem.Npm, "@google-cloud/firestore", Firestore),
        (PackageEcosystem.Npm, "cassandra-driver", Cassandra), (PackageEcosystem.Npm, "@elastic/elasticsearch", Elastic),
        (PackageEcosystem.Npm, "redis", Redis), (PackageEcosystem.Npm, "ioredis", Redis), (PackageEcosystem.Npm, "@upstash/redis", Redis),
        (PackageEcosystem.Npm, "@vercel/kv", Redis), (PackageEcosystem.Npm, "memcached", Memcached),
        (PackageEcosystem.Npm, "amqplib", RabbitMq), (PackageEcosystem.Npm, "amqp-connection-manager", RabbitMq),
        (PackageEcosystem.Npm, "kafkajs", Kafka), (PackageEcosystem.Npm, "@azure/service-bus", ServiceBus),
        (PackageEcosystem.Npm, "@aws-sdk/client-sqs", Sqs), (PackageEcosystem.Npm, "@aws-sdk/client-sns", Sqs),
        (PackageEcosystem.Npm, "nats", Nats), (PackageEcosystem.Npm, "@google-cloud/pubsub", PubSub),
        (PackageEcosystem.Npm, "bullmq", Bull), (PackageEcosystem.Npm, "bull", Bull),
        (PackageEcosystem.Npm, "@aws-sdk/client-s3", S3), (PackageEcosystem.Npm, "@azure/storage-blob", Blob),
        (PackageEcosystem.Npm, "@google-cloud/storage", Gcs),

        (PackageEcosystem.PyPI, "psycopg2", Postgres), (PackageEcosystem.PyPI, "psycopg2-binary", Postgres), (PackageEcosystem.PyPI, "psycopg", Postgres),
        (PackageEcosystem.PyPI, "asyncpg", Postgres), (PackageEcosystem.PyPI, "pymysql", MySql), (PackageEcosystem.PyPI, "mysqlclient", MySql),
        (PackageEcosystem.PyPI, "aiomysql", MySql), (PackageEcosystem.PyPI, "pyodbc", SqlServer), (PackageEcosystem.PyPI, "pymssql", SqlServer),
        (PackageEcosystem.PyPI, "sqlalchemy", Sql), (PackageEcosystem.PyPI, "sqlmodel", Sql), (PackageEcosystem.PyPI, "django", Sql),
        (PackageEcosystem.PyPI, "peewee", Sql), (PackageEcosystem.PyPI, "tortoise-orm", Sql), (PackageEcosystem.PyPI, "flask-sqlalchemy", Sql),
        (PackageEcosystem.PyPI, "pymongo", Mongo), (PackageEcosystem.PyPI, "motor", Mongo), (PackageEcosystem.PyPI, "mongoengine", Mongo),
        (PackageEcosystem.PyPI, "beanie", Mongo), (PackageEcosystem.PyPI, "azure-cosmos", Cosmos), (PackageEcosystem.PyPI, "google-cloud-firestore", Firestore),
        (PackageEcosystem.PyPI, "cassandra-driver", Cassandra), (PackageEcosystem.PyPI, "elasticsearch", Elastic),
        (PackageEcosystem.PyPI, "redis", Redis), (PackageEcosystem.PyPI, "aioredis", Redis), (PackageEcosystem.PyPI, "pymemcache", Memcached),
        (PackageEcosystem.PyPI, "pika", RabbitMq), (PackageEcosystem.PyPI, "aio-pika", RabbitMq), (PackageEcosystem.PyPI, "kombu", RabbitMq),
        (PackageEcosystem.PyPI, "kafka-python", Kafka), (PackageEcosystem.PyPI, "confluent-kafka", Kafka), (PackageEcosystem.PyPI, "aiokafka", Kafka),
        (PackageEcosystem.PyPI, "azure-servicebus", ServiceBus), (PackageEcosystem.PyPI, "google-cloud-pubsub", PubSub),
        (PackageEcosystem.PyPI, "nats-py", Nats), (PackageEcosystem.PyPI, "celery", Celery), (PackageEcosystem.PyPI, "azure-storage-blob", Blob),
        (PackageEcosystem.PyPI, "google-cloud-storage", Gcs), (PackageEcosystem.PyPI, "google-cloud-spanner", Spanner),

        (PackageEcosystem.Maven, "org.postgresql:postgresql", Postgres), (PackageEcosystem.Maven, "com.mysql:mysql-connector-j", MySql),
        (PackageEcosystem.Maven, "mysql:mysql-connector-java", MySql), (PackageEcosystem.Maven, "org.mariadb.jdbc:mariadb-java-client", MySql),
        (PackageEcosystem.Maven, "com.microsoft.sqlserver:mssql-jdbc", SqlServer), (PackageEcosystem.Maven, "com.h2database:h2", H2),
        (PackageEcosystem.Maven, "org.springframework.boot:spring-boot-starter-data-jpa", Sql), (PackageEcosystem.Maven, "org.springframework.boot:spring-boot-starter-jdbc", Sql),
        (PackageEcosystem.Maven, "org.springframework.boot:spring-boot-starter-data-mongodb", Mongo), (PackageEcosystem.Maven, "org.mongodb:mongodb-driver-sync", Mongo),
        (PackageEcosystem.Maven, "org.springframework.boot:spring-boot-starter-data-redis", Redis), (PackageEcosystem.Maven, "org.springframework.boot:spring-boot-starter-amqp", RabbitMq),
        (PackageEcosystem.Maven, "org.springframework.kafka:spring-kafka", Kafka), (PackageEcosystem.Maven, "org.apache.kafka:kafka-clients", Kafka),
        (PackageEcosystem.Maven, "org.springframework.boot:spring-boot-starter-data-elasticsearch", Elastic),

        (PackageEcosystem.Go, "github.com/lib/pq", Postgres), (PackageEcosystem.Go, "github.com/jackc/pgx*", Postgres),
        (PackageEcosystem.Go, "gorm.io/driver/postgres", Postgres), (PackageEcosystem.Go, "github.com/go-sql-driver/mysql", MySql),
        (PackageEcosystem.Go, "gorm.io/driver/mysql", MySql), (PackageEcosystem.Go, "github.com/mattn/go-sqlite3", Sqlite),
        (PackageEcosystem.Go, "gorm.io/driver/sqlite", Sqlite), (PackageEcosystem.Go, "github.com/jinzhu/gorm", Sql), (PackageEcosystem.Go, "gorm.io/gorm", Sql),
        (PackageEcosystem.Go, "go.mongodb.org/mongo-driver*", Mongo), (PackageEcosystem.Go, "github.com/redis/go-redis*", Redis),
        (PackageEcosystem.Go, "github.com/go-redis/redis*", Redis), (PackageEcosystem.Go, "github.com/gomodule/redigo", Redis),
        (PackageEcosystem.Go, "github.com/segmentio/kafka-go", Kafka), (PackageEcosystem.Go, "github.com/IBM/sarama", Kafka),
        (PackageEcosystem.Go, "github.com/Shopify/sarama", Kafka), (PackageEcosystem.Go, "github.com/rabbitmq/amqp091-go", RabbitMq),
        (PackageEcosystem.Go, "github.com/streadway/amqp", RabbitMq), (PackageEcosystem.Go, "github.com/nats-io/nats.go", Nats),
        (PackageEcosystem.Go, "cloud.google.com/go/pubsub", PubSub), (PackageEcosystem.Go, "cloud.google.com/go/spanner", Spanner),
        (PackageEcosystem.Go, "cloud.google.com/go/firestore", Firestore), (PackageEcosystem.Go, "cloud.google.com/go/storage", Gcs),
    ];

    /// <summary>Image name fragments of infrastructure containers (compose, Kubernetes).</summary>
    public static readonly IReadOnlyList<(string Image, Entry Entry)> Images =
    [
        ("postgres", Postgres), ("postgis", Postgres), ("pgvector", Postgres), ("mysql", MySql), ("mariadb", MySql),
        ("mssql", SqlServer), ("sql-server", SqlServer), ("mongo", Mongo), ("cosmosdb", Cosmos), ("dynamodb", Dynamo),
        ("cassandra", Cassandra), ("elasticsearch", Elastic), ("opensearch", Elastic), ("redis", Redis), ("valkey", Redis),
        ("memcached", Memcached), ("rabbitmq", RabbitMq), ("kafka", Kafka), ("redpanda", Kafka), ("nats", Nats),
        ("minio", new Entry("MinIO", DependencyCategory.Storage, "object")), ("azurite", Blob), ("localstack", S3),
        ("spanner", Spanner), ("pubsub", PubSub),
    ];

    /// <summary>Images that are infrastructure or tooling rather than the repository's own services.</summary>
    public static bool IsInfrastructureImage(string image)
    {
        var lower = image.ToLowerInvariant();
        var name = lower.Split('@')[0];
        var lastSlash = name.LastIndexOf('/');
        var colon = name.IndexOf(':', lastSlash + 1);
        if (colon >= 0)
        {
            name = name[..colon];
        }

        var shortName = name[(lastSlash + 1)..];
        return Images.Any(i => shortName.Contains(i.Image, StringComparison.Ordinal)) ||
               shortName is "nginx" or "traefik" or "envoy" or "haproxy" or "adminer" or "pgadmin4" or "mailhog" or "mailpit" or "mailcatcher"
                   or "jaeger" or "all-in-one" or "zipkin" or "prometheus" or "grafana" or "loki" or "otel-collector" or "opentelemetry-collector"
                   or "opentelemetry-collector-contrib" or "seq" or "kibana" or "busybox" or "alpine" or "curl" or "keycloak" or "vault"
                   or "consul" or "zookeeper" or "smtp4dev" or "maildev" or "dozzle" or "portainer" or "selenium" or "standalone-chrome";
    }
}
