#!/usr/bin/env python3
"""Generates a synthetic monorepo of N files (default 20,000) for whole-process scan benchmarks.

Usage: generate-tree.py DEST [FILES]
The tree mixes C#, TypeScript, Python, Go and Java services with manifests, Dockerfiles, Kubernetes manifests,
CI workflows and docs, in realistic sizes. It is deterministic (seeded), so runs are comparable.
"""
import os, random, sys

dest = sys.argv[1]
total = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
random.seed(42)
words = "order customer payment invoice catalog product basket shipping inventory price tax discount user account session token".split()

def body(lang, n):
    lines = []
    for i in range(n):
        w = random.choice(words)
        if lang == "cs":
            lines.append(f"    public int {w.title()}{i}(int value) => value * {i} + {len(w)};")
        elif lang == "ts":
            lines.append(f"export function {w}{i}(value: number): number {{ return value * {i} + {len(w)}; }}")
        elif lang == "py":
            lines.append(f"def {w}_{i}(value):\n    return value * {i} + {len(w)}")
        elif lang == "go":
            lines.append(f"func {w.title()}{i}(value int) int {{ return value*{i} + {len(w)} }}")
        else:
            lines.append(f"    public int {w}{i}(int value) {{ return value * {i} + {len(w)}; }}")
    return "\n".join(lines) + "\n"

services = max(1, total // 400)
written = 0
for s in range(services):
    lang = ["cs", "ts", "py", "go", "java"][s % 5]
    root = os.path.join(dest, "services", f"svc{s:03d}")
    os.makedirs(root, exist_ok=True)
    manifests = {
        "cs": (f"Svc{s}.csproj", '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Serilog.AspNetCore" Version="9.0.0" /></ItemGroup></Project>\n'),
        "ts": ("package.json", '{ "name": "svc%d", "scripts": { "start": "node dist/index.js", "test": "jest" }, "dependencies": { "express": "4" } }\n' % s),
        "py": ("requirements.txt", "fastapi==0.115.0\nstructlog==24.1.0\n"),
        "go": ("go.mod", f"module example.com/svc{s}\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.9.1\n"),
        "java": ("pom.xml", '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>\n'),
    }
    name, content = manifests[lang]
    for path, text in [(name, content), ("Dockerfile", "FROM alpine:3.20\nUSER app\n"), ("README.md", f"# svc{s}\n\nRun it with docker.\n")]:
        with open(os.path.join(root, path), "w") as f:
            f.write(text)
        written += 3 if path == name else 0
    ext = {"cs": "cs", "ts": "ts", "py": "py", "go": "go", "java": "java"}[lang]
    per_service = total // services - 3
    for i in range(per_service):
        sub = os.path.join(root, "src", f"m{i // 40:02d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"f{i:04d}.{ext}"), "w") as f:
            f.write(body(lang, random.randint(20, 160)))
    with open(os.path.join(dest, f"k8s-svc{s:03d}.yaml"), "w") as f:
        f.write(f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc{s:03d}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry/svc{s:03d}:1.0.0\n")
os.makedirs(os.path.join(dest, ".github", "workflows"), exist_ok=True)
with open(os.path.join(dest, ".github", "workflows", "ci.yml"), "w") as f:
    f.write("on: [push, pull_request]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n")
count = sum(len(files) for _, _, files in os.walk(dest))
print(f"{count} files in {dest}")
