'use strict';
// Diagnostics that depend on several files: a Dockerfile re-checked when a manifest of its build context changes
// (in an editor buffer, or on disk as reported by file watching), and manifests' own diagnostics.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { Server, proto, serverDll, withTimeout } = require('./lib/server');

const CLIENT = {
  workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } },
};

const pyproject = (requiresPython) => `[project]\nname = "app"\nrequires-python = "${requiresPython}"\n`;

async function withServer(fn) {
  const server = new Server();
  try {
    await server.start(CLIENT);
    return await fn(server);
  } catch (e) {
    e.message += `\n--- server stderr ---\n${server.stderr.slice(-3000)}`;
    throw e;
  } finally {
    await server.stop();
  }
}

/** The next publishDiagnostics for uri that satisfies predicate(diagnostics). Register before sending. */
function nextPublish(server, uri, predicate) {
  return withTimeout(new Promise((resolve) => {
    server.diagnosticWaiters.push({ match: (p) => p.uri === uri && predicate(p.diagnostics), resolve });
  }), 15000, `a matching publish for ${uri}`);
}

const has = (code) => (diagnostics) => diagnostics.some((d) => d.code === code);
const lacks = (code) => (diagnostics) => !diagnostics.some((d) => d.code === code);

function openDocument(server, uri, languageId, text, version = 1) {
  return server.conn.sendNotification(proto.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
}

function watchedChange(server, uri, type) {
  return server.conn.sendNotification(proto.DidChangeWatchedFilesNotification.type, { changes: [{ uri, type }] });
}

before(() => { serverDll(); });

describe('cross-file diagnostics', () => {
  test('editing requires-python in an open pyproject buffer brings PD104 to the Dockerfile, and reverting takes it away', () => withServer(async (s) => {
    const dockerfile = 'file:///tmp/pydocker-protocol/crossfile/Dockerfile';
    const project = 'file:///tmp/pydocker-protocol/crossfile/pyproject.toml';
    let published = nextPublish(s, dockerfile, lacks('PD104'));
    await s.open(dockerfile, 'FROM python:3.12-slim\n', 1);
    await openDocument(s, project, 'toml', pyproject('>=3.10'));
    await published;

    published = nextPublish(s, dockerfile, has('PD104'));
    await s.change(project, 2, [{ text: pyproject('>=3.13') }]);
    const mismatch = (await published).diagnostics.find((d) => d.code === 'PD104');
    assert.equal(mismatch.severity, proto.DiagnosticSeverity.Error);
    assert.deepEqual(mismatch.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 21 } });
    assert.match(mismatch.message, /requires-python in pyproject\.toml asks for >=3\.13/);
    assert.equal(mismatch.relatedInformation[0].location.uri, project);
    assert.equal(mismatch.relatedInformation[0].location.range.start.line, 2);

    published = nextPublish(s, dockerfile, lacks('PD104'));
    await s.change(project, 3, [{ range: { start: { line: 2, character: 23 }, end: { line: 2, character: 25 } }, text: '10' }]);
    await published;
  }));

  test('a pyproject.toml changed on disk (watched files) re-checks the open Dockerfile', () => withServer(async (s) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pydocker-crossfile-'));
    try {
      fs.writeFileSync(path.join(dir, 'pyproject.toml'), pyproject('>=3.10'));
      const dockerfile = pathToFileURL(path.join(dir, 'Dockerfile')).href;
      const project = pathToFileURL(path.join(dir, 'pyproject.toml')).href;
      let published = nextPublish(s, dockerfile, lacks('PD104'));
      await s.open(dockerfile, 'FROM python:3.12-slim\n', 1);
      await published;

      published = nextPublish(s, dockerfile, has('PD104'));
      fs.writeFileSync(path.join(dir, 'pyproject.toml'), pyproject('>=3.13'));
      await watchedChange(s, project, proto.FileChangeType.Changed);
      await published;

      published = nextPublish(s, dockerfile, lacks('PD104'));
      fs.rmSync(path.join(dir, 'pyproject.toml'));
      await watchedChange(s, project, proto.FileChangeType.Deleted);
      await published;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }));

  test('an open requirements file gets its own diagnostics, re-published when an included file appears on disk', () => withServer(async (s) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pydocker-manifest-'));
    try {
      const requirements = pathToFileURL(path.join(dir, 'requirements.txt')).href;
      let published = nextPublish(s, requirements, has('PD804'));
      await openDocument(s, requirements, 'pip-requirements', '-r base.txt\nflask==3.1.0\nrequests[security\n');
      const first = await published;
      const include = first.diagnostics.find((d) => d.code === 'PD804');
      assert.deepEqual(include.range, { start: { line: 0, character: 3 }, end: { line: 0, character: 11 } });
      assert.deepEqual(first.diagnostics.find((d) => d.code === 'PD801').range.start, { line: 2, character: 8 });
      assert.equal(first.version, 1);

      published = nextPublish(s, requirements, lacks('PD804'));
      fs.writeFileSync(path.join(dir, 'base.txt'), 'django==5.1.4\n');
      await watchedChange(s, pathToFileURL(path.join(dir, 'base.txt')).href, proto.FileChangeType.Created);
      const second = await published;
      assert.ok(second.diagnostics.some((d) => d.code === 'PD801'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }));

  test('what a Dockerfile finds on a requirements file is published on that file, pointing back at the install', () => withServer(async (s) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pydocker-pins-'));
    try {
      fs.writeFileSync(path.join(dir, 'requirements.txt'), 'flask>=3\ngunicorn==23.0.0\n');
      const dockerfile = pathToFileURL(path.join(dir, 'Dockerfile')).href;
      const requirements = pathToFileURL(path.join(dir, 'requirements.txt')).href;
      const published = nextPublish(s, requirements, has('PD207'));
      await s.open(dockerfile, 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n', 1);
      const unpinned = (await published).diagnostics.find((d) => d.code === 'PD207');
      assert.deepEqual(unpinned.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
      assert.equal(unpinned.relatedInformation[0].location.uri, dockerfile);
      assert.equal(unpinned.relatedInformation[0].location.range.start.line, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }));
});
