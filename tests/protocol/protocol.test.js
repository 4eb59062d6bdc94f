'use strict';
// The pydocker server, spawned as editors spawn it, checked message by message.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const { Server, proto, serverDll, withTimeout } = require('./lib/server');

const URI = 'file:///tmp/pydocker-protocol/app/Dockerfile';
const CLIENT = {
  workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } },
};

async function withServer(fn, options) {
  const server = new Server(options);
  try {
    // No test may hang the suite: each gets a minute at most.
    return await withTimeout(fn(server), 60000, 'the test');
  } catch (e) {
    e.message += `\n--- server stderr ---\n${server.stderr.slice(-3000)}`;
    throw e;
  } finally {
    await server.stop();
  }
}

before(() => { serverDll(); });

describe('initialize', () => {
  test('advertises incremental sync, workspace folders and the language features, and no feature that is not implemented', () => withServer(async (s) => {
    const { capabilities, serverInfo } = await s.start(CLIENT);
    assert.equal(serverInfo.name, 'pydocker');
    assert.match(serverInfo.version, /^\d+\.\d+\.\d+/);
    assert.equal(capabilities.textDocumentSync.openClose, true);
    assert.equal(capabilities.textDocumentSync.change, proto.TextDocumentSyncKind.Incremental);
    assert.equal(capabilities.workspace.workspaceFolders.supported, true);
    for (const present of ['hoverProvider', 'completionProvider', 'codeActionProvider', 'documentSymbolProvider']) {
      assert.ok(capabilities[present], present);
    }
    assert.deepEqual(capabilities.executeCommandProvider.commands, [
      'pydocker.addDevStage', 'pydocker.addDistrolessStage', 'pydocker.convertToMultiStage', 'pydocker.scaffold', 'pydocker.scaffold.detect',
    ]);
    for (const missing of ['diagnosticProvider', 'definitionProvider', 'renameProvider']) {
      assert.equal(capabilities[missing], undefined, missing);
    }
  }));

  test('registers the file watchers with the exact globs when the client registers dynamically', () => withServer(async (s) => {
    await s.start(CLIENT);
    const registration = await s.serverRequest('client/registerCapability');
    const watched = registration.params.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watched.registerOptions.watchers.map((w) => w.globPattern), [
      '**/{Dockerfile,Dockerfile.*,*.dockerfile,Containerfile}', '**/requirements*.txt', '**/*.in', '**/pyproject.toml',
      '**/{poetry,uv}.lock', '**/Pipfile*', '**/.python-version', '**/.dockerignore',
    ]);
  }));

  test('a request before initialize is answered with -32002', () => withServer(async (s) => {
    const r = await s.request(proto.HoverRequest.type.method, { textDocument: { uri: URI }, position: { line: 0, character: 0 } });
    assert.equal(r.error.code, -32002);
    await s.start(CLIENT);
  }));
});

// These tests are about the protocol: they follow the PD010 finding their documents are built to trigger and
// ignore what the other rules add.
const pd010 = (published) => published.diagnostics.filter((d) => d.code === 'PD010');

describe('diagnostics', () => {
  test('didOpen publishes the diagnostics of the document, with its version', () => withServer(async (s) => {
    await s.start(CLIENT);
    const published = s.nextDiagnostics(URI);
    await s.open(URI, 'RUN pip install fastapi==0.115.0\n', 3);
    const p = await published;
    assert.equal(p.version, 3);
    assert.equal(pd010(p).length, 1);
    const [d] = pd010(p);
    assert.equal(d.code, 'PD010');
    assert.equal(d.severity, proto.DiagnosticSeverity.Error);
    assert.equal(d.source, 'pydocker');
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
  }));

  test('an incremental change produces new diagnostics for the new version', () => withServer(async (s) => {
    await s.start(CLIENT);
    let next = s.nextDiagnostics(URI, 1);
    await s.open(URI, '# 🐍 build\r\nRUN echo hi\r\n', 1);
    assert.equal(pd010(await next).length, 1);

    next = s.nextDiagnostics(URI, 2);
    await s.change(URI, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, text: 'FROM python:3.12-slim\r\nRUN' }]);
    assert.deepEqual(pd010(await next), []);

    next = s.nextDiagnostics(URI, 3);
    // Columns are UTF-16 code units: the emoji on line 0 spans characters 2..4.
    await s.change(URI, 3, [
      { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 4 } }, text: 'snake' },
      { range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' },
    ]);
    const after = await next;
    assert.equal(pd010(after).length, 1);
    assert.deepEqual(pd010(after)[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
  }));

  test('pulled pydocker settings change severities end to end', () => withServer(async (s) => {
    s.configuration = { rules: { PD010: 'warning' } };
    await s.start(CLIENT);
    await s.serverRequest('workspace/configuration');
    const published = s.nextDiagnostics(URI, 1);
    await s.open(URI, 'RUN x\n', 1);
    let p = await published;
    // The settings may land just after the first analysis; then the server publishes again.
    if (pd010(p)[0].severity !== proto.DiagnosticSeverity.Warning) p = await s.nextDiagnostics(URI, 1);
    assert.equal(pd010(p)[0].severity, proto.DiagnosticSeverity.Warning);

    s.configuration = { rules: { PD010: 'off' } };
    const cleared = s.nextDiagnostics(URI, 1);
    await s.conn.sendNotification(proto.DidChangeConfigurationNotification.type, { settings: null });
    assert.deepEqual(pd010(await cleared), []);
  }));
});

describe('requests and errors', () => {
  test('$/cancelRequest answers the cancelled request with -32800', () => withServer(async (s) => {
    await s.start(CLIENT);
    const source = new proto.CancellationTokenSource();
    const pending = s.request('pydocker/testHooks/wait', { ms: 20000 }, source.token);
    await s.assertAlive(assert); // the waiting request does not block the others
    source.cancel();
    const r = await pending;
    assert.equal(r.error && r.error.code, proto.LSPErrorCodes.RequestCancelled);
    const done = await s.request('pydocker/testHooks/wait', { ms: 1 });
    assert.equal(done.result, 'waited');
  }));

  test('an unknown method is answered with -32601', () => withServer(async (s) => {
    await s.start(CLIENT);
    const r = await s.request('harness/noSuchMethod', { probe: true });
    assert.equal(r.error.code, proto.ErrorCodes.MethodNotFound);
  }));

  test('malformed JSON is answered with -32700 (id null) and the server stays alive', () => withServer(async (s) => {
    await s.start(CLIENT);
    const body = Buffer.from('{"jsonrpc":"2.0","id":9001,"method":"textDocument/hover","params":{"textDocument":', 'utf8');
    await s.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    await s.assertAlive(assert);
    const parseError = s.raw.messages.find((m) => m.error && m.error.code === -32700);
    assert.ok(parseError, 'a -32700 reply was sent');
    assert.equal(parseError.id, null);
  }));

  test('a garbage header line is skipped and the server stays alive', () => withServer(async (s) => {
    await s.start(CLIENT);
    await s.writeRaw('this is a garbage line, not an LSP header\r\n\r\n');
    await s.writeRaw(Buffer.from([0x00, 0xff, 0x13, 0x0a, 0x43, 0x6f, 0x0a]));
    await s.assertAlive(assert);
    const published = s.nextDiagnostics(URI, 1);
    await s.open(URI, 'FROM python:3.12-slim\n', 1);
    assert.deepEqual(pd010(await published), []);
  }));

  test('stdout carries nothing but protocol frames', () => withServer(async (s) => {
    await s.start(CLIENT);
    const published = s.nextDiagnostics(URI, 1);
    await s.open(URI, 'RUN x\n', 1);
    await published;
    await s.writeRaw('garbage\r\n\r\n');
    await s.assertAlive(assert);
    assert.equal(s.raw.junkBytes, 0);
    assert.ok(s.raw.messages.length >= 3);
  }));
});

describe('lifecycle', () => {
  test('shutdown then exit ends the process with code 0', () => withServer(async (s) => {
    await s.start(CLIENT);
    const r = await s.request(proto.ShutdownRequest.type.method);
    assert.equal(r.result, null);
    await s.conn.sendNotification(proto.ExitNotification.type);
    assert.deepEqual(await s.waitExit(), { code: 0, signal: null });
  }));

  test('exit without shutdown ends the process with code 1', () => withServer(async (s) => {
    await s.start(CLIENT);
    await s.conn.sendNotification(proto.ExitNotification.type);
    assert.deepEqual(await s.waitExit(), { code: 1, signal: null });
  }));

  test('the end of stdin ends the process', () => withServer(async (s) => {
    await s.start(CLIENT);
    s.proc.stdin.end();
    assert.equal((await s.waitExit()).code, 1);
  }));

  test('the death of the client process named in initialize ends the server', () => withServer(async (s) => {
    const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 800)'], { stdio: 'ignore' });
    const parentGone = new Promise((resolve) => parent.on('exit', resolve)); // listen before anything can be slow
    await s.initialize(CLIENT, { processId: parent.pid });
    await withTimeout(parentGone, 15000, 'the stand-in client process to end');
    assert.equal((await s.waitExit(15000)).code, 1);
  }));
});

describe('scaffolding (workspace/executeCommand)', () => {
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  const { pathToFileURL } = require('node:url');

  function project() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pydocker-scaffold-'));
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'flask==3.0.3\ngunicorn==23.0.0\n');
    fs.writeFileSync(path.join(dir, 'app.py'), 'from flask import Flask\n\nserver = Flask(__name__)\n');
    return dir;
  }

  test('detect, then scaffold: the edit creates the Dockerfile and .dockerignore and nothing on disk changes', () => withServer(async (s) => {
    const dir = project();
    try {
      await s.start(CLIENT);
      const folder = pathToFileURL(dir).href;
      const detected = await s.request(proto.ExecuteCommandRequest.type.method, { command: 'pydocker.scaffold.detect', arguments: [{ folder }] });
      assert.equal(detected.result.recommendedPattern, 'builder-venv');
      assert.equal(detected.result.patterns[0].id, 'builder-venv');
      assert.equal(detected.result.fields.framework.value, 'flask');
      assert.equal(detected.result.fields.entryPoint.value, 'app:server');
      assert.equal(detected.result.fields.port.value, 5000);
      assert.equal(detected.result.fields.packageManager.reason, 'requirements.txt found');

      const scaffolded = await s.request(proto.ExecuteCommandRequest.type.method, {
        command: 'pydocker.scaffold', arguments: [{ folder, pattern: 'builder-venv', options: { port: 8000 }, overwrite: true }],
      });
      const changes = scaffolded.result.documentChanges;
      assert.deepEqual(changes.filter((c) => c.kind === 'create').map((c) => c.uri), [`${folder}/Dockerfile`, `${folder}/.dockerignore`]);
      const dockerfile = changes.find((c) => c.textDocument && c.textDocument.uri === `${folder}/Dockerfile`).edits[0].newText;
      assert.match(dockerfile, /^EXPOSE 8000$/m);
      assert.match(dockerfile, /"app:server"/);
      assert.equal(fs.existsSync(path.join(dir, 'Dockerfile')), false, 'the server only answers an edit');

      fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
      const refused = await s.request(proto.ExecuteCommandRequest.type.method, { command: 'pydocker.scaffold', arguments: [{ folder, pattern: 'builder-venv' }] });
      assert.equal(refused.error.code, -32803);
      assert.match(refused.error.message, /Dockerfile already exists/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }));
});
