// For the real-editor e2e suite only (tests/e2e): when the extension host runs with PYDOCKER_E2E_PROBE_DIR set,
// the extension writes what the tests assert on — every published diagnostic and the server's state — as JSON
// files there. Exact values without scraping the DOM. Nothing is registered or written without the variable.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServerController, ServerSnapshot } from './serverController';

export const PROBE_ENV = 'PYDOCKER_E2E_PROBE_DIR';

export function startE2eProbe(controller: ServerController): vscode.Disposable | undefined {
  const dir = process.env[PROBE_ENV];
  if (!dir) return undefined;
  fs.mkdirSync(dir, { recursive: true });
  let sequence = 0;
  let pending: NodeJS.Timeout | undefined;
  // How often each file's diagnostics were set, including to none: a clean file shows up here once analysed.
  const changes: Record<string, number> = {};

  const writeDiagnostics = () => {
    pending = undefined;
    // Every diagnostic of every file: the e2e workspace has no other linter, and the tests pick what they check.
    const files = vscode.languages.getDiagnostics()
      .filter(([, diagnostics]) => diagnostics.length > 0)
      .map(([uri, diagnostics]) => ({
        uri: uri.toString(),
        diagnostics: diagnostics.map(d => ({
          code: typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code),
          message: d.message,
          severity: vscode.DiagnosticSeverity[d.severity].toLowerCase(),
          source: d.source,
          range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
        })),
      }));
    write(dir, 'diagnostics.json', { sequence: ++sequence, time: Date.now(), server: controller.snapshot(), changes, files });
  };
  const scheduleDiagnostics = () => { if (!pending) pending = setTimeout(writeDiagnostics, 50); };
  const onDiagnostics = (event: vscode.DiagnosticChangeEvent) => {
    for (const uri of event.uris) changes[uri.toString()] = (changes[uri.toString()] ?? 0) + 1;
    scheduleDiagnostics();
  };
  const writeState = (snapshot: ServerSnapshot) => {
    write(dir, 'server.json', { time: Date.now(), vscode: vscode.version, ...snapshot });
    scheduleDiagnostics();
  };

  writeState(controller.snapshot());
  const subscriptions = [
    vscode.languages.onDidChangeDiagnostics(onDiagnostics),
    controller.onDidChangeState(writeState),
  ];
  return { dispose: () => { subscriptions.forEach(s => s.dispose()); if (pending) clearTimeout(pending); } };
}

/** Atomic: the test never reads a half-written file. */
function write(dir: string, name: string, data: unknown): void {
  try {
    const file = path.join(dir, name);
    fs.writeFileSync(file + '.tmp', JSON.stringify(data, null, 2));
    fs.renameSync(file + '.tmp', file);
  } catch {
    // the probe must never disturb the extension
  }
}
