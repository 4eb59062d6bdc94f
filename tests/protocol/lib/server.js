'use strict';
/*
 * Starts the BUILT pydocker server (`dotnet <dll> lsp --stdio`) and connects to it with vscode-jsonrpc /
 * vscode-languageserver-protocol, the libraries VS Code's language client is built on.
 * A second, independent frame parser taps stdout, so the tests also see what the library would drop
 * (id:null error replies) and can prove that stdout carries nothing but protocol.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const proto = require('vscode-languageserver-protocol/node');

const REPO = path.resolve(__dirname, '..', '..', '..');
const SERVER_DLL = process.env.PYDOCKER_SERVER_DLL || path.join(REPO, 'out', 'server', 'pydocker.dll');
const WAIT_MS = 15000;

function serverDll() {
  if (!fs.existsSync(SERVER_DLL)) {
    throw new Error(`The built server is missing: ${SERVER_DLL}. Run ./test.sh (or ./build.sh), or set PYDOCKER_SERVER_DLL.`);
  }
  return SERVER_DLL;
}

/** Parses Content-Length frames from raw stdout bytes; counts bytes that are not part of a frame. */
class RawTap {
  constructor() { this.buf = Buffer.alloc(0); this.messages = []; this.junkBytes = 0; }
  push(chunk) {
    this.buf = Buffer.concat([this.buf, chunk]);
    for (;;) {
      const sep = this.buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const head = this.buf.subarray(0, sep).toString('latin1');
      const m = /^Content-Length: (\d+)$/.exec(head);
      if (!m) { this.junkBytes += sep + 4; this.buf = this.buf.subarray(sep + 4); continue; }
      const len = Number(m[1]);
      if (this.buf.length < sep + 4 + len) return;
      this.messages.push(JSON.parse(this.buf.subarray(sep + 4, sep + 4 + len).toString('utf8')));
      this.buf = this.buf.subarray(sep + 4 + len);
    }
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

class Server {
  constructor({ env = {} } = {}) {
    this.proc = spawn('dotnet', [serverDll(), 'lsp', '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, PYDOCKER_TEST_HOOKS: '1', ...env },
    });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => { this.stderr += d.toString('utf8'); });
    this.proc.stdin.on('error', () => {});
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    this.raw = new RawTap();
    this.proc.stdout.on('data', (d) => this.raw.push(d));
    this.serverRequests = [];
    this.diagnostics = [];
    this.diagnosticWaiters = [];
    this.configuration = null;
    const logger = { error: () => {}, warn: () => {}, info: () => {}, log: () => {} };
    const reader = new proto.StreamMessageReader(this.proc.stdout);
    // vscode-jsonrpc re-arms its "partial message" timer forever when a process dies in the middle of a message,
    // which would keep this test process alive after the last test; these tests have their own timeouts.
    reader.partialMessageTimeout = 0;
    this.conn = proto.createProtocolConnection(reader, new proto.StreamMessageWriter(this.proc.stdin), logger);
    this.conn.onNotification(proto.PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.push(p);
      this.diagnosticWaiters = this.diagnosticWaiters.filter((w) => !(w.match(p) && (w.resolve(p), true)));
    });
    this.conn.onRequest((method, params) => {
      this.serverRequests.push({ method, params });
      if (method === 'workspace/configuration') return (params.items || []).map(() => this.configuration);
      return null;
    });
    this.conn.onError(() => {});
    this.conn.listen();
  }

  initialize(capabilities = {}, extra = {}) {
    return withTimeout(this.conn.sendRequest(proto.InitializeRequest.type, {
      processId: process.pid,
      rootUri: 'file:///tmp/pydocker-protocol',
      workspaceFolders: [{ uri: 'file:///tmp/pydocker-protocol', name: 'protocol' }],
      capabilities,
      ...extra,
    }), WAIT_MS, 'initialize');
  }

  async start(capabilities) {
    const result = await this.initialize(capabilities);
    await this.conn.sendNotification(proto.InitializedNotification.type, {});
    return result;
  }

  /** Resolves with the next publishDiagnostics for uri (and version, when given). Register before sending. */
  nextDiagnostics(uri, version) {
    return withTimeout(new Promise((resolve) => {
      this.diagnosticWaiters.push({ match: (p) => p.uri === uri && (version === undefined || p.version === version), resolve });
    }), WAIT_MS, `diagnostics for ${uri} v${version}`);
  }

  open(uri, text, version = 1) {
    return this.conn.sendNotification(proto.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version, text } });
  }

  change(uri, version, contentChanges) {
    return this.conn.sendNotification(proto.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  /** A request whose outcome is returned as { result } or { error: { code, message } }. */
  async request(method, params, token) {
    try {
      // vscode-jsonrpc treats a trailing undefined as one more parameter: pass the token only when there is one.
      const sent = token ? this.conn.sendRequest(method, params, token) : params === undefined ? this.conn.sendRequest(method) : this.conn.sendRequest(method, params);
      return { result: await withTimeout(sent, WAIT_MS, method) };
    } catch (e) {
      if (e instanceof proto.ResponseError) return { error: { code: e.code, message: e.message } };
      throw e;
    }
  }

  /** The server answers something (here -32601 for an unknown method): it is alive and reading. */
  async assertAlive(assert) {
    const r = await this.request('pydocker/noSuchMethod', {});
    assert.equal(r.error && r.error.code, proto.ErrorCodes.MethodNotFound);
  }

  /** Resolves with the first server→client request of `method` (sent or still to come). */
  async serverRequest(method, ms = WAIT_MS) {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.serverRequests.find((r) => r.method === method);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`the server never sent ${method}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  writeRaw(data) {
    return new Promise((resolve, reject) => this.proc.stdin.write(data, (err) => (err ? reject(err) : resolve())));
  }

  waitExit(ms = WAIT_MS) { return withTimeout(this.exited, ms, 'server exit'); }

  async stop() {
    try { this.conn.dispose(); } catch (_) { /* already gone */ }
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      this.proc.kill('SIGKILL');
      await this.exited;
    }
    for (const stream of [this.proc.stdin, this.proc.stdout, this.proc.stderr]) stream.destroy();
  }
}

module.exports = { Server, proto, serverDll, withTimeout };
