// What the e2e suite expects the C# server to report, file by file, in the real VS Code. Later issues add rows
// (and `hover` / `fix` entries) here instead of writing new tests.
//
// A row:
//   file         path in the e2e workspace (a copy of examples/ plus tests/e2e/workspace/)
//   language     the language mode the status bar must show for it
//   exact        true: these are ALL of the file's diagnostics (false: at least these); an exact row with no
//                diagnostics asserts that the file stays clean once the server has answered for it
//   todo         a reason: the row runs (with a short wait) but cannot fail the suite; remove it when the rules land
//   diagnostics  each with
//     code       the rule id (the diagnostic's code)
//     severity   'error' | 'warning' | 'information' | 'hint'
//     message    a RegExp the message must match
//     range      optional [startLine, startCharacter, endLine, endCharacter], zero-based as in LSP
//     hover      optional RegExp: Show Hover on the diagnostic shows the rule's explanation (checked once the
//                server advertises hoverProvider and the row is not todo)
//     fix        optional { title: RegExp, after: RegExp }: the quick fix with that title (Ctrl+.) turns the file
//                into text matching `after`, and the diagnostic goes away (checked once the server advertises
//                codeActionProvider and the row is not todo)
module.exports = [
  {
    file: 'no-from/Dockerfile',
    language: /Docker/,
    exact: true,
    diagnostics: [
      { code: 'PD010', severity: 'error', message: /has no FROM instruction/, range: [1, 0, 1, 3] },
    ],
  },
  {
    // The deliberately poor example. Severities are the catalog's defaults (shared/RULES.md).
    file: 'fastapi-pip/Dockerfile',
    language: /Docker/,
    exact: false,
    todo: 'the Dockerfile practice rules (PD1xx-PD6xx) arrive with issue 6',
    diagnostics: [
      { code: 'PD101', severity: 'warning', message: /slim/i, range: [2, 5, 2, 16],
        fix: { title: /slim/i, after: /^FROM python:3\.12-slim$/m } },
      { code: 'PD201', severity: 'warning', message: /cache/i,
        fix: { title: /cache mount/i, after: /--mount=type=cache,target=\/root\/\.cache\/pip/ } },
      { code: 'PD203', severity: 'warning', message: /./ },
      { code: 'PD401', severity: 'warning', message: /root/i,
        fix: { title: /non-root/i, after: /^USER \S+$/m } },
      { code: 'PD502', severity: 'warning', message: /./ },
      { code: 'PD601', severity: 'warning', message: /dockerignore/i },
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
