#!/usr/bin/env bash
# Runs every test suite of PyDockerLsp and ends with one summary; exits non-zero if anything failed.
# Needs only the .NET SDK (8 or newer) and Node 20; every install step is below.
# Each suite runs under `timeout`, so a hung test fails the run instead of stalling CI.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

LOGS="$(mktemp -d)"
trap 'rm -rf "$LOGS"' EXIT
results=()
failed=0
tests_passed=0
tests_failed=0

step() { printf '\n==> %s\n' "$*"; }

# run NAME LOGFILE COMMAND...: runs a step, shows its output, records PASS/FAIL.
run() {
  local name=$1 log=$2; shift 2
  step "$name"
  if "$@" 2>&1 | tee "$log"; then
    results+=("PASS  $name")
  else
    results+=("FAIL  $name")
    failed=1
  fi
}

# Adds the counts of a `dotnet test` log ("Failed: 0, Passed: 50, ...").
count_dotnet() {
  local p f
  p=$(grep -Eo 'Passed: +[0-9]+' "$1" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
  f=$(grep -Eo 'Failed: +[0-9]+' "$1" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
  tests_passed=$((tests_passed + p)); tests_failed=$((tests_failed + f))
}

# Adds the counts of a `node --test` log ("# pass 15", "# fail 0").
count_node() {
  local p f
  p=$(grep -E '^# pass [0-9]+' "$1" | awk '{s+=$3} END {print s+0}')
  f=$(grep -E '^# fail [0-9]+' "$1" | awk '{s+=$3} END {print s+0}')
  tests_passed=$((tests_passed + p)); tests_failed=$((tests_failed + f))
}

run "Restore and build (Release)" "$LOGS/build.log" bash -c '
  dotnet restore tests/PyDockerLsp.Core.Tests &&
  dotnet restore tests/PyDockerLsp.Server.Tests &&
  dotnet build tests/PyDockerLsp.Core.Tests -c Release --no-restore -nologo -v quiet &&
  dotnet build tests/PyDockerLsp.Server.Tests -c Release --no-restore -nologo -v quiet &&
  dotnet publish server/PyDockerLsp.Server -c Release --no-restore -nologo -v quiet -o out/server'
build_ok=$failed

if [ "$build_ok" -eq 0 ]; then
  run "Core tests (xunit)" "$LOGS/core.log" \
    timeout 900 dotnet test tests/PyDockerLsp.Core.Tests -c Release --no-build --nologo --logger "console;verbosity=minimal"
  count_dotnet "$LOGS/core.log"

  run "Server tests (xunit)" "$LOGS/server.log" \
    timeout 900 dotnet test tests/PyDockerLsp.Server.Tests -c Release --no-build --nologo --logger "console;verbosity=minimal"
  count_dotnet "$LOGS/server.log"

  run "Protocol tests (node --test, the built server over stdio)" "$LOGS/protocol.log" bash -c '
    cd tests/protocol && npm ci --no-audit --no-fund --loglevel=error && timeout 900 node --test'
  count_node "$LOGS/protocol.log"

  run "Client unit tests (node --test)" "$LOGS/client.log" bash -c '
    npm ci --no-audit --no-fund --loglevel=error && npm run --silent test:client'
  count_node "$LOGS/client.log"
fi

# ---- real-editor end-to-end suite ---------------------------------------------------------------------
# tests/e2e/run.sh (installs the packaged extension into a real VS Code) joins here once it exists.
if [ -f tests/e2e/run.sh ]; then
  run "End-to-end tests in a real VS Code (tests/e2e/run.sh)" "$LOGS/e2e.log" bash tests/e2e/run.sh
  count_node "$LOGS/e2e.log"
fi

printf '\n==> Summary\n'
printf '%s\n' "${results[@]}"
echo "tests: ${tests_passed} passed, ${tests_failed} failed"
exit "$failed"
