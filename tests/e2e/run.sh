#!/usr/bin/env bash
# End-to-end tests of the PyDocker extension in a REAL VS Code: code-server 4.100.3 (= VS Code 1.100.3, from the npm
# registry) driven in headless Debian Chromium by playwright-core. Installs the built linux-x64 .vsix, opens the
# e2e workspace (examples/ plus tests/e2e/workspace/), and runs tests/e2e/*.test.js with node's test runner.
# tests/e2e/projects/ is copied next to the workspace for the tests that open a project in a window of its own.
#
# Setup is idempotent and cached in $PYDOCKER_E2E_HOME (default ~/.cache/pydocker-e2e): apt packages, code-server
# (native modules built from source: about 1.5 min the first time), playwright-core. A warm run takes ~30 s.
# Results (screenshots, logs, probe files) go to $PYDOCKER_E2E_RESULTS (default tests/e2e/results), printed at the end.
#
#   bash tests/e2e/run.sh
#   PYDOCKER_E2E_VSIX=path/to.vsix ...   test this .vsix (default dist/pydocker-lsp-linux-x64-<version>.vsix, built if missing)
#   PYDOCKER_E2E_REBUILD=1 ...           rebuild the .vsix first (npm run package -- --target linux-x64)
#   SKIP_APT=1 ...                       do not touch apt (chromium, ripgrep, libkrb5-dev, build tools must be there)
#   FRESH=1 ...                          wipe the cache first (reinstalls code-server)
#   KEEP_RUNNING=1 ...                   leave code-server running afterwards (prints its URL and how to stop it)
#   E2E_FILTER='pattern' ...             run only the tests whose name matches (node --test-name-pattern)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$REPO/tests/e2e"
E2E_HOME="${PYDOCKER_E2E_HOME:-${HOME:-/root}/.cache/pydocker-e2e}"
RESULTS="${PYDOCKER_E2E_RESULTS:-$HERE/results}"
CS_VERSION=4.100.3     # the last code-server whose install scripts run on node 20; VS Code 1.100.3
PW_VERSION=1.65.1      # playwright-core; drives Debian's chromium, never downloads a browser
RG_PKG_VERSION=1.15.11 # @vscode/ripgrep used by code-server 4.100.3 ...
RG_RELEASE=v13.0.0-10  # ... and the ripgrep release its postinstall would download

CS_DIR="$E2E_HOME/code-server-$CS_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
TOOLS_DIR="$E2E_HOME/tools"
# Per run: workspace, user data, extensions, browser profile. One folder per checkout, so that runs from two
# worktrees sharing the cache do not delete each other's workspace or stop each other's code-server.
RUN_KEY=$(printf '%s' "$REPO" | cksum | cut -d' ' -f1)
RUN_DIR="$E2E_HOME/run-$RUN_KEY"
WS_DIR="$RUN_DIR/workspace"
PROJECTS_DIR="$RUN_DIR/projects"    # projects opened in a window of their own (outside the workspace's watchers)
EXT_DIR="$RUN_DIR/extensions"
USER_DIR="$RUN_DIR/user-data"
SHOT_DIR="$RESULTS/screenshots"
LOG_DIR="$RESULTS/logs"
PROBE_DIR="$RESULTS/probe"
PGID_FILE="$E2E_HOME/code-server-$RUN_KEY.pgid"
# code-server and chromium write config, logs and a device id under the XDG folders: keep them out of $HOME.
export XDG_CONFIG_HOME="$E2E_HOME/xdg/config" XDG_DATA_HOME="$E2E_HOME/xdg/data" XDG_CACHE_HOME="$E2E_HOME/xdg/cache"

now_ms() { date +%s%3N; }
T_START=$(now_ms)
log() { printf '[e2e %6.1fs] %s\n' "$(( $(now_ms) - T_START ))e-3" "$*"; }
timed() { # timed LABEL command...: runs the command and records its duration in timings.txt
  local label="$1"; shift; local started rc=0; started=$(now_ms)
  "$@" || rc=$?
  printf '%-36s %7d ms\n' "$label" "$(( $(now_ms) - started ))" >> "$LOG_DIR/timings.txt"
  log "$label: $(( $(now_ms) - started )) ms$([ "$rc" -ne 0 ] && echo " (exit $rc)")"
  return "$rc"
}

# ---------------------------------------------------------------- stopping code-server (and everything it started)
stop_server() {
  [ -f "$PGID_FILE" ] || return 0
  local pgid; pgid=$(cat "$PGID_FILE")
  if [ -n "$pgid" ] && kill -0 -- "-$pgid" 2>/dev/null; then
    # The whole process group: code-server, its extension host, file watcher and the language server. SIGTERM to
    # the main pid alone leaves the extension host waiting 3 h for a reconnect.
    kill -TERM -- "-$pgid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pgid" 2>/dev/null || true
    log "stopped code-server (process group $pgid)"
  fi
  rm -f "$PGID_FILE"
}
stop_browser() { # a crashed test can leave its chromium behind: only the one using OUR profile, by pid
  local pids; pids=$(pgrep -f -- "--user-data-dir=$RUN_DIR/chrome-profile" || true)
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
}
cleanup() { stop_browser; [ "${KEEP_RUNNING:-0}" = 1 ] || stop_server; }

mkdir -p "$E2E_HOME"
stop_server # a leftover of an interrupted run
[ "${FRESH:-0}" = 1 ] && rm -rf "$E2E_HOME" && mkdir -p "$E2E_HOME"
rm -rf "$RESULTS"
mkdir -p "$SHOT_DIR" "$LOG_DIR" "$PROBE_DIR"
: > "$LOG_DIR/timings.txt"

# ---------------------------------------------------------------- 1. Debian packages
apt_install() {
  local packages=()
  command -v chromium >/dev/null || packages+=(chromium)
  command -v rg >/dev/null || packages+=(ripgrep)
  command -v krb5-config >/dev/null || packages+=(libkrb5-dev)    # kerberos (a code-server dependency) builds against it
  { command -v make >/dev/null && command -v g++ >/dev/null; } || packages+=(build-essential)
  command -v python3 >/dev/null || packages+=(python3)             # node-gyp
  command -v curl >/dev/null || packages+=(curl)
  [ ${#packages[@]} -eq 0 ] && { log "apt: nothing to install"; return 0; }
  log "apt: installing ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq -o DPkg::Lock::Timeout=600 || true
  # Another apt on the machine may hold the lock (hence the timeout), and its docker-clean hook can delete our
  # downloaded .debs under our feet (hence one retry).
  apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${packages[@]}" \
    || apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${packages[@]}"
}
if [ "${SKIP_APT:-0}" != 1 ]; then timed "apt install" apt_install; fi

# ---------------------------------------------------------------- 2. code-server from the npm registry
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 20 ] || { echo "e2e: code-server $CS_VERSION installs only on node 20 (this is node $node_major)" >&2; exit 1; }
if [ -z "${npm_config_nodedir:-}" ]; then # node-gyp must use the installed headers: no download
  node_prefix=$(node -p 'require("path").resolve(process.execPath, "..", "..")')
  [ -f "$node_prefix/include/node/common.gypi" ] && export npm_config_nodedir="$node_prefix"
fi
[ -f "${npm_config_nodedir:-/nonexistent}/include/node/common.gypi" ] \
  || { echo "e2e: no node headers (<node prefix>/include/node/common.gypi); node-gyp would try to download them" >&2; exit 1; }

seed_ripgrep() { # @vscode/ripgrep's postinstall downloads rg from GitHub; give it Debian's rg from its cache instead
  local target
  case "$(uname -m)" in
    x86_64) target=x86_64-unknown-linux-musl ;;
    aarch64) target=aarch64-unknown-linux-musl ;;
    *) echo "e2e: unsupported architecture $(uname -m)" >&2; return 1 ;;
  esac
  local cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RG_PKG_VERSION"
  mkdir -p "$cache" "$E2E_HOME/rg-pack"
  cp "$(command -v rg)" "$E2E_HOME/rg-pack/rg"
  tar czf "$cache/ripgrep-$RG_RELEASE-$target.tar.gz" -C "$E2E_HOME/rg-pack" rg
}
install_code_server() {
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  # unsafe-perm: its postinstall refuses to run as root otherwise; yes: node-pty's postinstall runs `npx node-gyp`.
  (cd "$CS_DIR" && echo '{"private":true}' > package.json &&
   npm_config_yes=true npm_config_unsafe_perm=true npm_config_fund=false npm_config_audit=false \
     npm install --unsafe-perm --foreground-scripts "code-server@$CS_VERSION" > "$LOG_DIR/npm-code-server.log" 2>&1) \
  || { tail -40 "$LOG_DIR/npm-code-server.log" >&2; echo "e2e: code-server install failed ($LOG_DIR/npm-code-server.log)" >&2; return 1; }
}
if ! "$CS_BIN" --version >/dev/null 2>&1 \
   || [ ! -x "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]; then
  timed "seed ripgrep cache" seed_ripgrep
  timed "npm install code-server@$CS_VERSION" install_code_server
else
  log "code-server $CS_VERSION already installed in $CS_DIR"
fi

# ---------------------------------------------------------------- 3. playwright-core (no browser download)
if [ ! -f "$TOOLS_DIR/node_modules/playwright-core/package.json" ] \
   || [ "$(node -p "require('$TOOLS_DIR/node_modules/playwright-core/package.json').version")" != "$PW_VERSION" ]; then
  mkdir -p "$TOOLS_DIR"
  install_tools() {
    (cd "$TOOLS_DIR" && echo '{"private":true}' > package.json &&
     npm install --no-audit --no-fund "playwright-core@$PW_VERSION" > "$LOG_DIR/npm-tools.log" 2>&1) \
    || { tail -30 "$LOG_DIR/npm-tools.log" >&2; return 1; }
  }
  timed "npm install playwright-core@$PW_VERSION" install_tools
fi

# ---------------------------------------------------------------- 4. the .vsix under test
VERSION=$(node -p "require('$REPO/package.json').version")
VSIX="${PYDOCKER_E2E_VSIX:-$REPO/dist/pydocker-lsp-linux-x64-$VERSION.vsix}"
stale_vsix() { # a default .vsix older than the sources it is built from is rebuilt rather than tested
  [ -z "${PYDOCKER_E2E_VSIX:-}" ] && [ -f "$VSIX" ] && [ -n "$(cd "$REPO" && find package.json package-lock.json client/src snippets server \
      \( -name bin -o -name obj \) -prune -o -type f -newer "$VSIX" -print -quit 2>/dev/null)" ]
}
if [ "${PYDOCKER_E2E_REBUILD:-0}" = 1 ] || [ ! -f "$VSIX" ] || stale_vsix; then
  [ -n "${PYDOCKER_E2E_VSIX:-}" ] && [ "${PYDOCKER_E2E_REBUILD:-0}" != 1 ] && { echo "e2e: $VSIX does not exist" >&2; exit 1; }
  build_vsix() {
    (cd "$REPO" && { [ -d node_modules/vscode-languageclient ] || npm ci --no-audit --no-fund; } && npm run package -- --target linux-x64) \
      > "$LOG_DIR/package.log" 2>&1 || { tail -40 "$LOG_DIR/package.log" >&2; return 1; }
  }
  timed "build linux-x64 .vsix" build_vsix
fi
# The linux-x64 package must run its self-contained server; the universal one runs pydocker.dll with dotnet.
case "$(basename "$VSIX")" in
  *-linux-x64-*) EXPECT_SERVER=bundled ;;
  *) EXPECT_SERVER=bundled-dotnet ;;
esac
log "testing $VSIX ($(du -h "$VSIX" | cut -f1)), expecting the $EXPECT_SERVER server"

# ---------------------------------------------------------------- 5. fresh workspace, user data and extensions
rm -rf "$RUN_DIR"
mkdir -p "$WS_DIR" "$EXT_DIR" "$USER_DIR/User"
[ -d "$REPO/examples" ] && cp -r "$REPO/examples/." "$WS_DIR/"
cp -r "$HERE/workspace/." "$WS_DIR/"
mkdir -p "$PROJECTS_DIR" && cp -r "$HERE/projects/." "$PROJECTS_DIR/"
cat > "$USER_DIR/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.colorTheme": "Default Light Modern",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "git.enabled": false,
  "npm.fetchOnlinePackageInfo": false,
  "typescript.disableAutomaticTypeAcquisition": true,
  "chat.disableAIFeatures": true,
  "files.autoSave": "off",
  "pydocker.trace.server": "messages"
}
JSON
install_extension() {
  "$CS_BIN" --extensions-dir "$EXT_DIR" --user-data-dir "$USER_DIR" --install-extension "$VSIX" > "$LOG_DIR/install-extension.log" 2>&1 \
    || { cat "$LOG_DIR/install-extension.log" >&2; return 1; }
  "$CS_BIN" --extensions-dir "$EXT_DIR" --user-data-dir "$USER_DIR" --list-extensions --show-versions 2>/dev/null | tee -a "$LOG_DIR/install-extension.log"
}
timed "install .vsix into code-server" install_extension

# ---------------------------------------------------------------- 6. code-server on loopback, in its own process group
PORT="${PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
CS_URL="http://127.0.0.1:$PORT"
start_server() {
  rm -f "$PGID_FILE"
  # setsid makes a new process group; the inner shell records its pid (= the group id, even if setsid forked)
  # before it becomes code-server. PYDOCKER_E2E_PROBE_DIR reaches the extension host, which inherits the environment.
  PYDOCKER_E2E_PROBE_DIR="$PROBE_DIR" setsid bash -c 'echo $$ > "$0"; exec "$@"' "$PGID_FILE" "$CS_BIN" \
    --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check --disable-workspace-trust \
    --extensions-dir "$EXT_DIR" --user-data-dir "$USER_DIR" "$WS_DIR" \
    > "$LOG_DIR/code-server.log" 2>&1 < /dev/null &
  for _ in $(seq 1 100); do [ -s "$PGID_FILE" ] && break; sleep 0.02; done
  local pid; pid=$(cat "$PGID_FILE" 2>/dev/null || true)
  [ -n "$pid" ] && [ "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid" ] \
    || { echo "e2e: code-server did not start in its own process group" >&2; return 1; }
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "$CS_URL/healthz" && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$LOG_DIR/code-server.log" >&2; return 1; }
    sleep 0.05
  done
  echo "e2e: code-server did not answer on $CS_URL" >&2; return 1
}
trap cleanup EXIT
trap 'exit 130' INT TERM
timed "start code-server" start_server
log "code-server $CS_VERSION on $CS_URL (process group $(cat "$PGID_FILE"))"

# ---------------------------------------------------------------- 7. the tests
set +e
# spec for people; TAP into a file, whose summary ("# pass N") closes the output for scripts that count tests.
test_args=(--test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout
           --test-reporter=tap --test-reporter-destination="$LOG_DIR/e2e-tests.tap")
[ -n "${E2E_FILTER:-}" ] && test_args+=(--test-name-pattern "$E2E_FILTER")
# NODE_PATH: the tests require('playwright-core') from the cache, so the repository needs no browser tooling.
NODE_PATH="$TOOLS_DIR/node_modules" CS_URL="$CS_URL" WS_DIR="$WS_DIR" PROJECTS_DIR="$PROJECTS_DIR" SHOT_DIR="$SHOT_DIR" PROBE_DIR="$PROBE_DIR" \
  CHROME_PROFILE="$RUN_DIR/chrome-profile" CHROMIUM="$(command -v chromium)" EXPECT_SERVER="$EXPECT_SERVER" \
  timed "e2e tests" node "${test_args[@]}" "$HERE"/*.test.js 2>&1 | tee "$LOG_DIR/e2e-tests.log"
rc=${PIPESTATUS[0]}
set -e

# ---------------------------------------------------------------- 8. report
# the extension's output channel (server log and protocol trace), as VS Code wrote it
find "$USER_DIR/logs" -name '*PyDocker*.log' -exec cp {} "$LOG_DIR/" \; 2>/dev/null || true
echo
echo "== e2e timings"; cat "$LOG_DIR/timings.txt"; printf '%-36s %7d ms\n' "total (tests/e2e/run.sh)" $(( $(now_ms) - T_START ))
echo "== e2e screenshots in $SHOT_DIR"; (cd "$SHOT_DIR" && ls -1 ./*.png 2>/dev/null | sed 's#^\./#  #') || true
echo "== e2e results (screenshots, logs, probe) in $RESULTS"
echo "== e2e test summary (node's test runner, TAP)"; grep -E '^# (tests|pass|fail|cancelled|skipped|todo) [0-9]+$' "$LOG_DIR/e2e-tests.tap" || true
if [ "${KEEP_RUNNING:-0}" = 1 ]; then
  echo "code-server still runs at $CS_URL; stop it with: kill -TERM -- -$(cat "$PGID_FILE")"
fi
exit "$rc"
