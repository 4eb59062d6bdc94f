// What the e2e suite expects the C# server to report, in the real VS Code. Later issues add rows (and `hover` / `fix`
// entries) here instead of writing new tests.
//
// files: one row per file.
//   file         path in the e2e workspace (a copy of examples/ plus tests/e2e/workspace/)
//   language     the language mode the status bar must show for it
//   exact        true: these are ALL of the file's diagnostics (false: at least these); an exact row with no
//                diagnostics asserts that the file stays clean once the server has answered for it. An exact row
//                has no todo diagnostics.
//   todo         a reason: the row runs (with a short wait) but cannot fail the suite; remove it when the rules land
//   diagnostics  each with
//     code       the rule id (the diagnostic's code)
//     severity   'error' | 'warning' | 'information' | 'hint'
//     message    a RegExp the message must match
//     range      optional [startLine, startCharacter, endLine, endCharacter], zero-based as in LSP
//     todo       optional reason: this diagnostic (and its hover and fix) is checked in a test of its own that
//                cannot fail the suite, while its rule is not on main
//     hover      optional RegExp: Show Hover (Ctrl+K Ctrl+I) at the diagnostic shows the rule's explanation
//     fix        optional { name, title: RegExp, after: RegExp }: starting from the file as on disk, the quick fix
//                whose title matches, picked from the lightbulb menu (Ctrl+. at the diagnostic), turns the editor's
//                text into one matching `after`, and the diagnostic goes away. `name` names the screenshots
//                (fix-<name>-before, -lightbulb, -after).
//
// manifestEdits: an edit of a manifest in the editor (unsaved) that must bring `diagnostic` to the Dockerfile;
//   File: Revert File on the manifest must take it away again. `find` (unique in the manifest) is selected and
//   `replace` typed over it.
//
// scaffold: "PyDocker: Scaffold Python Dockerfile..." in a window of its own on tests/e2e/projects/<project>,
//   accepting the first (recommended) pattern and the detected values; `pattern` matches the recommended row,
//   `review` the review step's rows, `dockerfile` the generated Dockerfile, which must have no diagnostics.
const files = [
  {
    file: 'no-from/Dockerfile',
    language: /Docker/,
    exact: true,
    diagnostics: [
      { code: 'PD010', severity: 'error', message: /has no FROM instruction/, range: [1, 0, 1, 3] },
      { code: 'PD011', severity: 'error', message: /RUN comes before the first FROM/, range: [1, 0, 1, 3] },
      { code: 'PD011', severity: 'error', message: /COPY comes before the first FROM/, range: [2, 0, 2, 4] },
      { code: 'PD011', severity: 'error', message: /CMD comes before the first FROM/, range: [3, 0, 3, 3] },
    ],
  },
  {
    // The deliberately poor example: what the rules on main report (`pydocker lint examples/fastapi-pip`). Severities
    // are the catalog's defaults (shared/RULES.md).
    file: 'fastapi-pip/Dockerfile',
    language: /Docker/,
    exact: false,
    diagnostics: [
      { code: 'PD101', severity: 'warning', message: /`python:3\.12`, the full Debian variant[^]*`python:3\.12-slim`/, range: [2, 12, 2, 16],
        hover: /full-base-image[^]*Better:[^]*Fix:[^]*Switch to the slim variant/,
        fix: { name: 'slim', title: /Switch to the slim image python:3\.12-slim/, after: /^FROM python:3\.12-slim$/m } },
      { code: 'PD106', severity: 'information', message: /installs `build-essential`/, range: [2, 5, 2, 16] },
      { code: 'PD107', severity: 'warning', message: /`build-essential` is a build package/, range: [5, 28, 5, 43] },
      { code: 'PD301', severity: 'information', message: /--no-install-recommends/, range: [5, 4, 5, 19] },
      { code: 'PD303', severity: 'warning', message: /`apt-get update` alone in a RUN/, range: [4, 4, 4, 18] },
      { code: 'PD401', severity: 'warning', message: /runs as root/, range: [2, 5, 2, 16],
        hover: /runs-as-root[^]*Fix:/,
        fix: { name: 'non-root', title: /Create the non-root user \S+ and run as it/, after: /^USER \S+$/m } },
      { code: 'PD501', severity: 'information', message: /PYTHONUNBUFFERED/, range: [2, 0, 2, 4] },
      { code: 'PD502', severity: 'warning', message: /shell form/, range: [16, 4, 16, 51] },
      { code: 'PD503', severity: 'information', message: /no HEALTHCHECK[^]*port 8000/ },
      { code: 'PD203', severity: 'warning', message: /whole source is copied before `pip install`/, range: [10, 5, 10, 6] },
      { code: 'PD601', severity: 'warning', message: /no \.dockerignore/, range: [10, 5, 10, 6] },
      { code: 'PD201', severity: 'warning', message: /`pip install` runs without a cache mount on \/root\/\.cache\/pip/, range: [12, 4, 12, 7],
        hover: /install-cache-not-mounted[^]*Fix:/,
        fix: { name: 'cache-mount', title: /Add a cache mount for pip/, after: /^RUN --mount=type=cache,target=\/root\/\.cache\/pip pip install -r requirements\.txt$/m } },
    ],
  },
  {
    // The good example must stay free of findings as rules are added.
    file: 'uv-app/Dockerfile',
    language: /Docker/,
    exact: true,
    diagnostics: [],
  },
];

const manifestEdits = [
  {
    dockerfile: 'python-constraint/Dockerfile',
    manifest: 'python-constraint/pyproject.toml',
    find: '3.10',
    replace: '3.13',
    diagnostic: { code: 'PD104', severity: 'error', message: /python:3\.12-slim runs Python 3\.12, but requires-python in pyproject\.toml asks for >=3\.13/,
      range: [2, 12, 2, 21] },
  },
  {
    // the smallest case: FROM and CMD, the range is the image tag
    dockerfile: 'python-version/Dockerfile',
    manifest: 'python-version/pyproject.toml',
    find: '3.10',
    replace: '3.13',
    diagnostic: { code: 'PD104', severity: 'error', message: /requires-python in pyproject\.toml asks for >=3\.13/, range: [0, 12, 0, 21] },
  },
];

const scaffold = {
  project: 'fastapi-no-dockerfile',
  pattern: /requirements\.txt found/,
  review: [/fastapi/i, /app\.main:api/, /8000/],
  dockerfile: [/^FROM python:3\.\d+-slim\S* AS builder$/m, /^USER appuser$/m, /^CMD \["uvicorn", "app\.main:api"/m],
};

// stageCommands: in a window of its own on tests/e2e/projects/<project> (a hand-written single-stage Dockerfile):
//   "Convert to Multi-Stage Build" then "Add Dev/Test Stage" on the open Dockerfile (saved after each, `converted`
//   and `dev` match the file), then "Scaffold Python Dockerfile..." twice with the port changed to `port` in the
//   review step: "Skip" leaves the file as it was, "Overwrite" replaces it (`rescaffolded` matches it).
const stageCommands = {
  project: 'fastapi-single-stage',
  converted: [/^FROM python:3\.12-slim AS builder$/m, /^RUN python -m venv \/venv$/m, /^FROM python:3\.12-slim$/m, /^COPY --from=builder \/venv \/venv$/m],
  dev: [/^FROM builder AS dev$/m, /^FROM python:3\.12-slim$/m],
  port: '9000',
  rescaffolded: [/^FROM python:3\.\d+-slim\S* AS builder$/m, /^USER appuser$/m, /^EXPOSE 9000$/m, /"9000"/],
};

module.exports = { files, manifestEdits, scaffold, stageCommands };
