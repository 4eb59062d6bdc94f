'use strict';
// The language features of the built server, driven with the protocol library VS Code's client uses:
// hover, code actions (applied as an editor would), completion and document symbols.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { Server, proto, serverDll } = require('./lib/server');

const URI = 'file:///tmp/pydocker-protocol/features/Dockerfile';
const CLIENT = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
  },
  textDocument: {
    publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};

const SHELL_FORM = 'FROM python:3.12-slim AS builder\nRUN pip install -r requirements.txt\n\nFROM python:3.12-slim\nCMD uvicorn app.main:app --host 0.0.0.0\n';

async function withOpenDocument(text, fn) {
  const server = new Server();
  try {
    await server.start(CLIENT);
    const published = server.nextDiagnostics(URI, 1);
    await server.open(URI, text, 1);
    return await fn(server, await published);
  } catch (e) {
    e.message += `\n--- server stderr ---\n${server.stderr.slice(-3000)}`;
    throw e;
  } finally {
    await server.stop();
  }
}

/** Offsets of LSP positions (UTF-16 code units, any line break), as an editor computes them. */
function offsetAt(text, { line, character }) {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const next = text.slice(offset).search(/\r\n|\r|\n/);
    if (next < 0) return text.length;
    offset += next + (text.startsWith('\r\n', offset + next) ? 2 : 1);
  }
  return offset + character;
}

/** Applies TextEdits (all relative to the original text) from the last to the first. */
function applyEdits(text, edits) {
  const sorted = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const e of sorted) result = result.slice(0, e.start) + e.newText + result.slice(e.end);
  return result;
}

function position(line, character) { return { line, character }; }

before(() => { serverDll(); });

describe('hover', () => {
  test('hover on a diagnostic returns the rule explanation', () => withOpenDocument(SHELL_FORM, async (s, published) => {
    const diagnostic = published.diagnostics.find((d) => d.code === 'PD502');
    assert.ok(diagnostic, 'PD502 is reported on the shell-form CMD');
    assert.match(diagnostic.codeDescription.href, /docs\/rules\.md#pd502-shell-form-command$/);
    const r = await s.request(proto.HoverRequest.type.method, { textDocument: { uri: URI }, position: position(4, 10) });
    assert.equal(r.result.contents.kind, 'markdown');
    assert.match(r.result.contents.value, /^\*\*PD502\*\* `shell-form-command`/);
    assert.match(r.result.contents.value, /SIGTERM/);
    assert.deepEqual(r.result.range, diagnostic.range);
  }));

  test('hover on the RUN keyword explains the instruction', () => withOpenDocument(SHELL_FORM, async (s) => {
    const r = await s.request(proto.HoverRequest.type.method, { textDocument: { uri: URI }, position: position(1, 1) });
    assert.match(r.result.contents.value, /^\*\*`RUN`\*\* — /);
    assert.deepEqual(r.result.range, { start: position(1, 0), end: position(1, 3) });
  }));

  test('hover on the base image explains the variant', () => withOpenDocument(SHELL_FORM, async (s) => {
    const r = await s.request(proto.HoverRequest.type.method, { textDocument: { uri: URI }, position: position(3, 8) });
    // Findings on the image (e.g. PD401 runs-as-root) come first; the image's own explanation follows them.
    assert.match(r.result.contents.value, /^\*\*`python:3\.12-slim`\*\*/m);
    assert.match(r.result.contents.value, /slim/i);
  }));
});

describe('code actions', () => {
  test('the PD502 exec-form quick fix, applied, removes the diagnostic', () => withOpenDocument(SHELL_FORM, async (s, published) => {
    const diagnostic = published.diagnostics.find((d) => d.code === 'PD502');
    const r = await s.request(proto.CodeActionRequest.type.method, {
      textDocument: { uri: URI }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    });
    const fix = r.result.find((a) => a.title === 'Convert CMD to exec form');
    assert.ok(fix, `the quick fix is offered: ${JSON.stringify(r.result.map((a) => a.title))}`);
    assert.equal(fix.kind, proto.CodeActionKind.QuickFix);
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [diagnostic]);
    assert.equal(r.result[r.result.length - 1].title, 'Ignore PD502 for this instruction');

    const [change] = fix.edit.documentChanges;
    assert.deepEqual(change.textDocument, { uri: URI, version: 1 });
    const fixed = applyEdits(SHELL_FORM, change.edits);
    assert.match(fixed, /^CMD \["uvicorn", "app\.main:app", "--host", "0\.0\.0\.0"\]$/m);

    const after = s.nextDiagnostics(URI, 2);
    await s.change(URI, 2, [{ text: fixed }]);
    assert.equal((await after).diagnostics.filter((d) => d.code === 'PD502').length, 0);
  }));

  test('fix-all is returned for source.fixAll and applies every safe fix', () => withOpenDocument(SHELL_FORM, async (s) => {
    const r = await s.request(proto.CodeActionRequest.type.method, {
      textDocument: { uri: URI }, range: { start: position(0, 0), end: position(0, 0) }, context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(r.result.length, 1);
    assert.equal(r.result[0].kind, 'source.fixAll.pydocker');
    const fixed = applyEdits(SHELL_FORM, r.result[0].edit.documentChanges[0].edits);
    assert.match(fixed, /^CMD \["uvicorn"/m);
  }));
});

describe('completion', () => {
  test('after FROM python: the recommended tags are listed, 3.13-slim among them', () => withOpenDocument('FROM python:\n', async (s) => {
    const r = await s.request(proto.CompletionRequest.type.method, { textDocument: { uri: URI }, position: position(0, 12), context: { triggerKind: 2, triggerCharacter: ':' } });
    const labels = r.result.items.map((i) => i.label);
    assert.ok(labels.includes('3.13-slim'), labels.join(', '));
    const slim = r.result.items.find((i) => i.label === '3.13-slim');
    assert.deepEqual(slim.textEdit, { range: { start: position(0, 12), end: position(0, 12) }, newText: '3.13-slim' });
  }));

  test('instruction keywords at the start of a line, as snippets', () => withOpenDocument('FROM python:3.12-slim\nCO\n', async (s) => {
    const r = await s.request(proto.CompletionRequest.type.method, { textDocument: { uri: URI }, position: position(1, 2) });
    assert.deepEqual(r.result.items.map((i) => i.label), ['COPY']);
    assert.equal(r.result.items[0].insertTextFormat, proto.InsertTextFormat.Snippet);
  }));
});

describe('document symbols', () => {
  test('the stages are listed with their instructions', () => withOpenDocument(SHELL_FORM, async (s) => {
    const r = await s.request(proto.DocumentSymbolRequest.type.method, { textDocument: { uri: URI } });
    assert.deepEqual(r.result.map((x) => x.name), ['builder', 'stage 1']);
    assert.equal(r.result[0].kind, proto.SymbolKind.Class);
    assert.deepEqual(r.result[0].selectionRange, { start: position(0, 25), end: position(0, 32) });
    assert.deepEqual(r.result[0].children.map((x) => x.name), ['RUN']);
    assert.deepEqual(r.result[1].children.map((x) => x.name), ['CMD']);
  }));
});
