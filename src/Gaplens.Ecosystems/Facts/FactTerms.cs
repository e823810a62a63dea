using Gaplens.Core.Files;
using Gaplens.Core.Search;

namespace Gaplens.Ecosystems.Facts;

/// <summary>Literals the facts need from source code; registered with the content pass before it runs.</summary>
public static class FactTerms
{
    public static readonly IReadOnlyList<Term> HttpApi =
    [
        new("MapGet(", FileClass.CSharp), new("MapPost(", FileClass.CSharp), new("MapPut(", FileClass.CSharp),
        new("MapDelete(", FileClass.CSharp), new("MapControllers(", FileClass.CSharp), new("[ApiController]", FileClass.CSharp),
        new("MapGroup(", FileClass.CSharp), new("ControllerBase", FileClass.CSharp), new("MapIdentityApi", FileClass.CSharp),
        new("app.get(", FileClass.JavaScript), new("app.post(", FileClass.JavaScript), new("router.get(", FileClass.JavaScript),
        new("router.post(", FileClass.JavaScript), new("router.route(", FileClass.JavaScript), new("express.Router(", FileClass.JavaScript),
        new("fastify.get(", FileClass.JavaScript), new("fastify.route(", FileClass.JavaScript), new("@Controller(", FileClass.JavaScript),
        new("export async function GET", FileClass.JavaScript), new("export async function POST", FileClass.JavaScript),
        new("export function GET", FileClass.JavaScript), new("new Hono(", FileClass.JavaScript),
        new("@app.get(", FileClass.Python), new("@app.post(", FileClass.Python), new("@router.get(", FileClass.Python),
        new("@router.post(", FileClass.Python), new("APIRouter(", FileClass.Python), new("@app.route(", FileClass.Python),
        new("Blueprint(", FileClass.Python), new("@api_view", FileClass.Python), new("ViewSet)", FileClass.Python),
        new("JsonResponse", FileClass.Python), new("FastAPI(", FileClass.Python), new("GraphQLView", FileClass.Python), new("strawberry.django", FileClass.Python),
        new("@RestController", FileClass.Java), new("@ResponseBody", FileClass.Java), new("@GetMapping", FileClass.Java),
        new("@PostMapping", FileClass.Java), new("@Path(", FileClass.Java),
        new("c.JSON(", FileClass.Go), new("json.NewEncoder(w)", FileClass.Go), new("HandleFunc(", FileClass.Go),
        new("r.GET(", FileClass.Go), new("e.GET(", FileClass.Go), new("app.Get(", FileClass.Go),
    ];

    public static readonly IReadOnlyList<Term> Ui =
    [
        new("MapRazorPages(", FileClass.CSharp), new("AddRazorComponents(", FileClass.CSharp), new("MapFallbackToFile(", FileClass.CSharp),
        new("AddControllersWithViews(", FileClass.CSharp), new("UseSpa(", FileClass.CSharp), new("MapBlazorHub(", FileClass.CSharp),
        new("render_template(", FileClass.Python), new("TemplateResponse(", FileClass.Python), new("html/template", FileClass.Go),
        new("ExecuteTemplate(", FileClass.Go), new("th:text", FileClass.Markup), new("th:each", FileClass.Markup),
    ];

    public static readonly IReadOnlyList<Term> Grpc =
    [
        new("MapGrpcService<", FileClass.CSharp), new("grpc.NewServer(", FileClass.Go), new("grpc.server(", FileClass.Python),
        new("new grpc.Server(", FileClass.JavaScript), new("ServerBuilder.forPort(", FileClass.Java),
    ];

    /// <summary>Calls to other services: HTTP and gRPC clients, mail servers.</summary>
    public static readonly IReadOnlyList<Term> OutboundCalls =
    [
        new("AddHttpClient<", FileClass.CSharp), new("AddHttpClient(", FileClass.CSharp), new("new HttpClient(", FileClass.CSharp), new("AddGrpcClient<", FileClass.CSharp), new("AddGrpcClient(", FileClass.CSharp),
        new("GrpcChannel.ForAddress", FileClass.CSharp), new("IHttpClientFactory", FileClass.CSharp), new("SmtpClient", FileClass.CSharp),
        new("axios.", FileClass.JavaScript), new("axios(", FileClass.JavaScript), new("from 'axios'", FileClass.JavaScript),
        new("require('node-fetch')", FileClass.JavaScript), new("nodemailer", FileClass.JavaScript), new("got(", FileClass.JavaScript),
        new("@grpc/grpc-js", FileClass.JavaScript),
        new("requests.get(", FileClass.Python), new("requests.post(", FileClass.Python), new("httpx.", FileClass.Python),
        new("aiohttp.ClientSession", FileClass.Python), new("smtplib", FileClass.Python), new("import emails", FileClass.Python),
        new("grpc.insecure_channel", FileClass.Python), new("urllib.request", FileClass.Python),
        new("RestTemplate", FileClass.Java), new("WebClient", FileClass.Java), new("@FeignClient", FileClass.Java),
        new("HttpClient.newHttpClient", FileClass.Java), new("OkHttpClient", FileClass.Java), new("JavaMailSender", FileClass.Java),
        new("http.Get(", FileClass.Go), new("http.Post(", FileClass.Go), new("http.NewRequest", FileClass.Go),
        new("&http.Client{", FileClass.Go), new("grpc.Dial(", FileClass.Go), new("grpc.DialContext(", FileClass.Go),
        new("grpc.NewClient(", FileClass.Go), new("net/smtp", FileClass.Go),
    ];

    /// <summary>Reading configuration from the environment or settings.</summary>
    public static readonly IReadOnlyList<Term> Configuration =
    [
        new("process.env", FileClass.JavaScript), new("import.meta.env", FileClass.JavaScript),
        new("os.environ", FileClass.Python), new("os.getenv", FileClass.Python), new("BaseSettings", FileClass.Python),
        new("os.Getenv(", FileClass.Go), new("os.LookupEnv(", FileClass.Go), new("viper.", FileClass.Go),
        new("Environment.GetEnvironmentVariable", FileClass.CSharp), new("IConfiguration", FileClass.CSharp),
        new("builder.Configuration", FileClass.CSharp), new("GetConnectionString(", FileClass.CSharp),
        new("@Value(\"${", FileClass.Java), new("System.getenv(", FileClass.Java), new("@ConfigurationProperties", FileClass.Java),
    ];

    public static readonly Term SpringBootApplication = new("@SpringBootApplication", FileClass.Java);
    public static readonly Term GoMain = new("func main()", FileClass.Go);
    public static readonly Term AspireAzureContainerApps = new("AddAzureContainerAppEnvironment", FileClass.CSharp);
    public static readonly Term AspirePublishAsContainerApp = new("PublishAsAzureContainerApp", FileClass.CSharp);

    /// <summary>Resources an Aspire AppHost declares (C#): what the system depends on.</summary>
    public static readonly IReadOnlyList<(Term Term, string Name, DependencyCategory Category, string Kind)> AspireResources =
    [
        (new("AddPostgres(", FileClass.CSharp), "PostgreSQL", DependencyCategory.Database, "relational"),
        (new("AddAzurePostgresFlexibleServer(", FileClass.CSharp), "PostgreSQL", DependencyCategory.Database, "relational"),
        (new("AddSqlServer(", FileClass.CSharp), "SQL Server", DependencyCategory.Database, "relational"),
        (new("AddAzureSqlServer(", FileClass.CSharp), "SQL Server", DependencyCategory.Database, "relational"),
        (new("AddMySql(", FileClass.CSharp), "MySQL", DependencyCategory.Database, "relational"),
        (new("AddMongoDB(", FileClass.CSharp), "MongoDB", DependencyCategory.Database, "document"),
        (new("AddAzureCosmosDB(", FileClass.CSharp), "Cosmos DB", DependencyCategory.Database, "document"),
        (new("AddRedis(", FileClass.CSharp), "Redis", DependencyCategory.Cache, "key-value"),
        (new("AddRabbitMQ(", FileClass.CSharp), "RabbitMQ", DependencyCategory.Broker, "queue"),
        (new("AddKafka(", FileClass.CSharp), "Kafka", DependencyCategory.Broker, "stream"),
        (new("AddAzureServiceBus(", FileClass.CSharp), "Azure Service Bus", DependencyCategory.Broker, "queue"),
        (new("AddAzureStorage(", FileClass.CSharp), "Azure Storage", DependencyCategory.Storage, "object"),
    ];

    public static IEnumerable<Term> All =>
        HttpApi.Concat(Ui).Concat(Grpc).Concat(OutboundCalls).Concat(Configuration)
            .Concat([SpringBootApplication, GoMain, AspireAzureContainerApps, AspirePublishAsContainerApp])
            .Concat(AspireResources.Select(r => r.Term));
}
