#!/usr/bin/env bash
# Builds PyDockerLsp and runs its main job.
#   1. restores and builds the C# server (Release) and publishes the framework-dependent build to out/server/
#   2. builds the VS Code extension and packages it into dist/ (once the extension's package.json exists)
#   3. lints examples/ with the CLI and prints the findings
# Needs only the .NET SDK (8 or newer) and Node 20; every install step is below.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n==> %s\n' "$*"; }

step "Restoring .NET packages"
dotnet restore server/PyDockerLsp.Server

step "Building the server (Release)"
dotnet build server/PyDockerLsp.Server -c Release --no-restore -nologo -v quiet

step "Publishing the framework-dependent server to out/server/"
dotnet publish server/PyDockerLsp.Server -c Release --no-restore --no-build -nologo -v quiet -o out/server
echo "out/server/pydocker.dll — run it with: dotnet out/server/pydocker.dll --help"

# ---- VS Code extension -------------------------------------------------------------------------------
# The extension lives in the root package.json and client/ (its own build); its `npm run package` step
# bundles the client and writes the .vsix files into dist/. Skipped until the extension exists.
if [ -f package.json ]; then
  step "Building the VS Code extension and packaging it into dist/"
  npm ci --no-audit --no-fund
  npm run package
else
  step "VS Code extension: no package.json at the repository root yet, skipping"
fi

# ---- main job ----------------------------------------------------------------------------------------
step "Linting examples/ with the CLI"
set +e
dotnet out/server/pydocker.dll lint examples/
lint_status=$?
set -e
case "$lint_status" in
  0) echo "lint: no error-level findings." ;;
  1) echo "lint: error-level findings reported (expected: examples/fastapi-pip is deliberately poor)." ;;
  *) echo "lint failed (exit $lint_status)"; exit "$lint_status" ;;
esac
