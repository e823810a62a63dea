#!/usr/bin/env bash
# Adds a migration NAME for both providers (SQLite and PostgreSQL): the model is one, the SQL differs.
# Usage: src/Gaplens.Server/Data/Migrations/add-migration.sh AddSomething   (from the repository root)
set -euo pipefail
name="${1:?usage: add-migration.sh NAME}"
cd "$(dirname "$0")/../../../.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet tool run dotnet-ef migrations add "$name" --project src/Gaplens.Server --startup-project src/Gaplens.Server \
    --context "${provider}ServerDb" --output-dir "Data/Migrations/$provider" --namespace "Gaplens.Server.Data.Migrations.$provider"
done
rm -f src/Gaplens.Server/design-time.db
echo "Added $name for SQLite and PostgreSQL; the server tests apply every migration to both databases."
