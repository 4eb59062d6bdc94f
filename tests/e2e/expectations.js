// What the e2e suite expects the C# server to report, file by file, in the real VS Code. Later issues add rows
// (and `hover` / `fix` entries) here instead of writing new tests.
//
// A row:
//   file         path in the e2e workspace (a copy of examples/ plus tests/e2e/workspace/)
//   language     the language mode the status bar must show for it
//   exact        true: these are ALL of the file's diagnostics (false: at least these)
//   todo         a reason: run the row but do not fail the suite (for a rule that has not landed yet)
//   diagnostics  each with
//     code       the rule id (the diagnostic's code)
//     severity   'error' | 'warning' | 'information' | 'hint'
//     message    a RegExp the message must match
//     range      optional [startLine, startCharacter, endLine, endCharacter], zero-based as in LSP
//     hover      optional RegExp: hovering the range shows the rule's explanation (checked once the server
//                advertises hoverProvider)
//     fix        optional { title: RegExp, after: RegExp }: the quick fix with that title (Ctrl+.) turns the file
//                into text matching `after`, and the diagnostic goes away (checked once the server advertises
//                codeActionProvider)
module.exports = [
  {
    file: 'no-from/Dockerfile',
    language: /Docker/,
    exact: true,
    diagnostics: [
      { code: 'PD010', severity: 'error', message: /has no FROM instruction/, range: [1, 0, 1, 3] },
    ],
  },
];
