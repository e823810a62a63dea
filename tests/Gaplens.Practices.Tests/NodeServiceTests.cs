namespace Gaplens.Practices.Tests;

using Gaplens.Tests;

/// <summary>JavaScript and TypeScript programs on Node.js, Deno and Bun as their owners list them.</summary>
public sealed class NodeServiceTests
{
    private static FixtureCopy TurboMonorepo() => FixtureCopy.Empty()
        .With("package.json", """{ "name": "acme", "private": true, "workspaces": ["apps/*", "packages/*"], "devDependencies": { "turbo": "2.0.0" } }""")
        .With("turbo.json", """{ "tasks": { "build": {} } }""")
        .With("apps/api/package.json", """
            {
              "name": "@acme/api",
              "scripts": { "start": "node dist/main.js", "start:worker": "node dist/worker.js", "dev:worker": "tsx watch src/worker.ts" },
              "dependencies": { "express": "4.19.0", "bullmq": "5.0.0", "@acme/db": "workspace:*" }
            }
            """)
        .With("apps/api/src/main.ts", "import express from 'express';\nconst app = express();\napp.get('/orders', (_req, res) => res.json([]));\napp.listen(3000);\n")
        .With("apps/api/src/worker.ts", "import { Worker } from 'bullmq';\nnew Worker('emails', async job => { await send(job.data); });\n")
        .With("apps/web/package.json", """{ "name": "@acme/web", "scripts": { "start": "next start" }, "dependencies": { "next": "15.0.0", "@acme/ui": "workspace:*" } }""")
        .With("apps/playground/package.json", """{ "name": "ui-playground", "scripts": { "start": "next start -p 3333" }, "dependencies": { "next": "15.0.0", "@acme/ui": "workspace:*" } }""")
        .With("packages/db/package.json", """{ "name": "@acme/db", "dependencies": { "@prisma/client": "5.0.0" } }""")
        .With("packages/trpc/package.json", """{ "name": "@acme/trpc", "dependencies": { "@trpc/server": "11.0.0", "@acme/db": "workspace:*" } }""")
        .With("packages/ui/package.json", """{ "name": "@acme/ui", "dependencies": { "react": "19.0.0", "@acme/trpc": "workspace:*" } }""")
        .With("docker/Dockerfile", """
            FROM node:22-alpine AS build
            WORKDIR /app
            COPY . .
            RUN npx turbo prune --scope=@acme/api --docker
            FROM node:22-alpine
            COPY --from=build /app/out .
            CMD ["node", "apps/api/dist/main.js"]
            """);

    [Fact]
    public void Apps_of_a_workspace_are_services_and_the_packages_they_depend_on_are_their_code()
    {
        using var tree = TurboMonorepo();

        var services = Scan.Run(tree.Root).Facts.Services;

        Assert.Equal(["api", "web"], services.Select(s => s.Name));
        Assert.Equal(["apps/api", "packages/db"], services[0].CodeRoots);
        Assert.Equal(["apps/web", "packages/ui", "packages/trpc", "packages/db"], services[1].CodeRoots);
    }

    [Fact]
    public void A_start_script_makes_a_service_only_when_the_program_keeps_running()
    {
        using var tree = FixtureCopy.Empty()
            .With("tools/attribution/package.json", """{ "name": "attribution", "scripts": { "build": "tsc", "start": "node dist/main.js" }, "dependencies": { "axios": "1.7.0", "handlebars": "4.7.8" } }""")
            .With("tools/attribution/src/main.ts", "import axios from 'axios';\nconst licenses = await axios.get(process.argv[2]);\nconsole.log(render(licenses.data));\n")
            .With("relay/package.json", """{ "name": "relay", "scripts": { "start": "node dist/main.js" }, "dependencies": { "ws": "8.17.0" } }""")
            .With("relay/src/main.ts", "import http from 'node:http';\nconst server = http.createServer(handle);\nserver.listen(8080);\n");

        var services = Scan.Run(tree.Root).Facts.Services;

        Assert.Equal(["relay"], services.Select(s => s.Name));
    }

    [Fact]
    public void A_front_end_wrapped_in_a_desktop_shell_is_an_application_for_devices_not_a_service()
    {
        using var tree = FixtureCopy.Empty()
            .With("desktop/package.json", """{ "name": "desktop", "scripts": { "build": "vite build", "tauri": "tauri" }, "dependencies": { "react": "18.3.1", "@tauri-apps/api": "2.1.0" } }""")
            .With("desktop/index.html", "<div id=\"root\"></div><script type=\"module\" src=\"/src/main.tsx\"></script>\n")
            .With("site/package.json", """{ "name": "site", "scripts": { "build": "vite build" }, "dependencies": { "react": "18.3.1" } }""")
            .With("site/index.html", "<div id=\"root\"></div><script type=\"module\" src=\"/src/main.tsx\"></script>\n");

        var services = Scan.Run(tree.Root).Facts.Services;

        Assert.Equal(["site"], services.Select(s => s.Name));
    }

    [Fact]
    public void A_package_other_packages_depend_on_is_a_library_even_with_a_server_framework()
    {
        using var tree = TurboMonorepo();

        var services = Scan.Run(tree.Root).Facts.Services;

        Assert.DoesNotContain(services, s => s.Path.StartsWith("packages/", StringComparison.Ordinal));
        Assert.DoesNotContain(services, s => s.Path == "apps/playground");
    }

    [Fact]
    public void A_worker_script_and_a_bullmq_worker_are_processes_of_their_service()
    {
        using var tree = TurboMonorepo();

        var api = Scan.Run(tree.Root).Facts.Services.Single(s => s.Name == "api");

        var worker = Assert.Single(api.Processes);
        Assert.Equal("worker", worker.Name);
        Assert.Equal("node dist/worker.js", worker.Command);
        Assert.Equal("apps/api/package.json", worker.Evidence.Path);
    }

    [Fact]
    public void A_bullmq_worker_in_a_shared_package_is_a_process_of_the_app_that_uses_it()
    {
        using var tree = FixtureCopy.Empty()
            .With("package.json", """{ "name": "docs-app", "private": true, "workspaces": ["apps/*", "packages/*"] }""")
            .With("apps/web/package.json", """{ "name": "@docs/web", "dependencies": { "hono": "4.6.0", "@docs/jobs": "*" } }""")
            .With("apps/web/server.ts", "import { Hono } from 'hono';\nexport const app = new Hono();\n")
            .With("packages/jobs/package.json", """{ "name": "@docs/jobs", "dependencies": { "bullmq": "5.0.0" } }""")
            .With("packages/jobs/worker.ts", "import { Worker } from 'bullmq';\nexport const worker = new Worker('seal', handle);\n")
            .With("packages/unused/package.json", """{ "name": "@docs/unused", "dependencies": { "bullmq": "5.0.0" } }""")
            .With("packages/unused/worker.ts", "import { Worker } from 'bullmq';\nnew Worker('other', handle);\n");

        var web = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        var worker = Assert.Single(web.Processes);
        Assert.Equal("packages/jobs/worker.ts", worker.Evidence.Path);
        Assert.Equal(["apps/web", "packages/jobs"], web.CodeRoots);
    }

    [Fact]
    public void A_dockerfile_that_prunes_the_workspace_to_one_package_builds_that_service()
    {
        using var tree = TurboMonorepo();

        var services = Scan.Run(tree.Root).Facts.Services;

        Assert.Equal(["docker/Dockerfile"], services.Single(s => s.Name == "api").Dockerfiles);
        Assert.DoesNotContain(services, s => s.Name == "docker");
    }

    [Fact]
    public void A_fresh_app_on_deno_is_a_service_and_deno_kv_is_its_database()
    {
        using var tree = FixtureCopy.Empty()
            .With("deno.json", """
                {
                  "tasks": { "start": "deno run -A --watch=static/,routes/ dev.ts", "test": "deno test -A" },
                  // comments are allowed in Deno configuration
                  "imports": {
                    "$fresh/": "https://deno.land/x/fresh@1.7.3/",
                    "preact": "npm:preact@10.22.1",
                    "@std/http": "jsr:@std/http@^1.0.18",
                  },
                }
                """)
            .With("main.ts", "import { start } from \"$fresh/server.ts\";\nimport manifest from \"./fresh.gen.ts\";\nawait start(manifest);\n")
            .With("utils/db.ts", "export const kv = await Deno.openKv();\n");

        var facts = Scan.Run(tree.Root).Facts;

        var app = Assert.Single(facts.Services);
        Assert.Equal("fresh", app.Kind);
        Assert.True(app.ServesHttp);
        Assert.Equal("deno.json", app.Evidence.Path);
        Assert.Contains(facts.Dependencies, d => d.Name == "Deno KV" && d.Evidence.Path == "utils/db.ts");
    }

    [Fact]
    public void A_deno_configuration_without_a_server_is_not_a_service()
    {
        using var tree = FixtureCopy.Empty()
            .With("deno.json", """{ "name": "@acme/strings", "exports": "./mod.ts", "imports": { "@std/assert": "jsr:@std/assert@^1.0.0" } }""")
            .With("mod.ts", "export const upper = (s: string) => s.toUpperCase();\n");

        Assert.Empty(Scan.Run(tree.Root).Facts.Services);
    }

    [Fact]
    public void Bun_serve_makes_a_package_a_service()
    {
        using var tree = FixtureCopy.Empty()
            .With("package.json", """{ "name": "edge", "scripts": { "dev": "bun --watch src/index.ts" }, "devDependencies": { "@types/bun": "1.1.0" } }""")
            .With("bun.lock", "{}\n")
            .With("src/index.ts", "Bun.serve({ port: 3000, fetch(req) { return new Response(\"ok\"); } });\n");

        var service = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        Assert.Equal("bun", service.Kind);
        Assert.Equal("src/index.ts", service.Evidence.Path);
    }

    [Fact]
    public void A_nest_microservice_without_an_http_app_serves_no_http()
    {
        using var tree = FixtureCopy.Empty()
            .With("package.json", """{ "name": "billing", "dependencies": { "@nestjs/core": "10.0.0", "@nestjs/microservices": "10.0.0" } }""")
            .With("src/main.ts", "const app = await NestFactory.createMicroservice(AppModule, { transport: Transport.RMQ });\nawait app.listen();\n");

        var service = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        Assert.Equal("nestjs-microservice", service.Kind);
        Assert.False(service.ServesHttp);
    }

    [Fact]
    public void Netlify_functions_serve_the_static_site_they_deploy_with()
    {
        using var tree = FixtureCopy.Empty()
            .With("package.json", """{ "name": "shop", "scripts": { "build": "vite build" }, "dependencies": { "react": "19.0.0" } }""")
            .With("index.html", "<div id=\"root\"></div>")
            .With("netlify.toml", "[build]\ncommand = \"npm run build\"\n")
            .With("netlify/functions/checkout.ts", "export default async (req: Request) => new Response(\"ok\");\n");

        var service = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        Assert.Equal("web-frontend", service.Kind);
        Assert.Equal("functions", Assert.Single(service.Processes).Name);
    }

    [Fact]
    public void An_api_folder_without_vercel_is_not_serverless_functions()
    {
        using var tree = FixtureCopy.Empty()
            .With("api/client.ts", "export const get = (url: string) => fetch(url);\n");

        Assert.Empty(Scan.Run(tree.Root).Facts.Services);
    }
}
