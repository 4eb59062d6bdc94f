// "PyDocker: Scaffold Python Dockerfile..." and the stage commands: the VS Code side of the flow. The server
// detects and generates (issue 8); this file asks the user, and writes only what the user agreed to.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ServerController } from './serverController';
import {
  DetectedField, OverwriteChoice, PatternChoice, ScaffoldFile, fileToOpen, filesFromWorkspaceEdit, planWrites, readDetection,
  scaffoldOptions, validateField,
} from './scaffoldPlan';

export const SERVER_DETECT = 'pydocker.scaffold.detect';
export const SERVER_SCAFFOLD = 'pydocker.scaffold';

/** The stage commands and the server command each calls (the same id; see CLIENT_COMMANDS). */
export const STAGE_COMMANDS: ReadonlyArray<{ command: string; title: string }> = [
  { command: 'pydocker.addDevStage', title: 'Add Dev/Test Stage' },
  { command: 'pydocker.convertToMultiStage', title: 'Convert to Multi-Stage Build' },
  { command: 'pydocker.addDistrolessStage', title: 'Add Distroless Runtime Stage' },
];

export async function scaffoldCommand(controller: ServerController, target?: vscode.Uri): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Scaffolding writes files, so it needs a trusted workspace.');
    return;
  }
  const folder = await chooseFolder(target);
  if (!folder) return;
  if (!await controller.ensureStarted()) {
    void vscode.window.showErrorMessage('PyDocker: the language server is not running, so the project cannot be analysed.', 'Show Output')
      .then(choice => { if (choice) controller.output.show(true); });
    return;
  }
  if (!controller.isServerCommand(SERVER_DETECT) || !controller.isServerCommand(SERVER_SCAFFOLD)) {
    void vscode.window.showInformationMessage(
      `PyDocker: scaffolding is not available in this server version (${controller.serverDescription() ?? 'unknown'}). ` +
      'It comes with a newer version of the extension.');
    return;
  }

  const detection = readDetection(await withProgress('Detecting the Python project...', () =>
    controller.executeServerCommand(SERVER_DETECT, [{ folder: folder.toString() }])));
  const pattern = await choosePattern(detection.patterns);
  if (!pattern) return;
  const fields = await reviewFields(detection.fields);
  if (!fields) return;

  const edit = await withProgress('Generating the Dockerfile...', () =>
    controller.executeServerCommand(SERVER_SCAFFOLD, [{ folder: folder.toString(), pattern: pattern.id, options: scaffoldOptions(fields), overwrite: true }]));
  const files = filesFromWorkspaceEdit(edit, currentText);
  const plan = await planWrites(files, existingText, askOverwrite);
  if (plan.cancelled) return;
  await writeFiles(plan.write);
  const open = fileToOpen(plan, files);
  if (open) await vscode.window.showTextDocument(vscode.Uri.parse(open));
  const summary = [`${plan.write.length} written`];
  if (plan.unchanged.length) summary.push(`${plan.unchanged.length} already up to date`);
  if (plan.skipped.length) summary.push(`${plan.skipped.length} kept as they were`);
  void vscode.window.showInformationMessage(`PyDocker: scaffolded ${pattern.label} (${summary.join(', ')}).`);
}

export async function stageCommand(controller: ServerController, command: string, title: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'dockerfile') {
    void vscode.window.showInformationMessage(`PyDocker: "${title}" works on the Dockerfile in the active editor.`);
    return;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(`"${title}" changes files, so it needs a trusted workspace.`);
    return;
  }
  if (!await controller.ensureStarted()) return;
  if (!controller.isServerCommand(command)) {
    void vscode.window.showInformationMessage(
      `PyDocker: "${title}" is not available in this server version (${controller.serverDescription() ?? 'unknown'}).`);
    return;
  }
  const document = editor.document;
  const result = await controller.executeServerCommand(command, [{ textDocument: { uri: document.uri.toString(), version: document.version } }]);
  // The server may apply the edit itself (workspace/applyEdit) and answer null, or return the edit.
  if (result && typeof result === 'object' && ('changes' in result || 'documentChanges' in result)) {
    const client = controller.languageClient;
    if (!client) return;
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result as Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0]);
    if (edit && !await vscode.workspace.applyEdit(edit)) {
      void vscode.window.showErrorMessage(`PyDocker: "${title}" could not be applied (the document changed meanwhile?).`);
    }
  }
}

async function chooseFolder(target: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (target) {
    try {
      const stat = await vscode.workspace.fs.stat(target);
      return stat.type & vscode.FileType.Directory ? target : vscode.Uri.joinPath(target, '..');
    } catch { /* fall through to the workspace folders */ }
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('PyDocker: open the folder of a Python project first.');
    return undefined;
  }
  if (folders.length === 1) return folders[0].uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder of the Python project to containerise' }))?.uri;
}

async function choosePattern(patterns: PatternChoice[]): Promise<PatternChoice | undefined> {
  if (patterns.length === 0) {
    void vscode.window.showInformationMessage('PyDocker: the server offered no Dockerfile pattern for this folder.');
    return undefined;
  }
  const items = patterns.map(p => ({
    label: p.label,
    description: p.recommended ? 'recommended' : p.description,
    detail: p.reason,
    pattern: p,
  }));
  return (await vscode.window.showQuickPick(items, { title: 'Scaffold Python Dockerfile (1/2): pattern', placeHolder: 'How should the image be built?', matchOnDetail: true }))?.pattern;
}

/** Shows what was detected; picking a field edits it; "Generate" accepts. Undefined when the user cancels. */
async function reviewFields(initial: DetectedField[]): Promise<DetectedField[] | undefined> {
  const fields = initial.map(f => ({ ...f }));
  for (;;) {
    type Item = vscode.QuickPickItem & { field?: DetectedField };
    const items: Item[] = [
      { label: '$(check) Generate', description: 'with the values below' },
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      ...fields.map(f => ({ label: f.label, description: f.value === '' ? '(not detected — the template decides)' : f.value, detail: f.reason, field: f })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Scaffold Python Dockerfile (2/2): review', placeHolder: 'Pick a value to change it, or Generate' });
    if (!picked) return undefined;
    if (!picked.field) return fields;
    const field = picked.field;
    const value = await vscode.window.showInputBox({
      title: field.label, value: field.value, prompt: field.reason ? `Detected: ${field.reason}` : undefined,
      validateInput: text => validateField(field.key, text),
    });
    if (value !== undefined) field.value = value.trim();
  }
}

async function askOverwrite(uri: string): Promise<OverwriteChoice | undefined> {
  const name = vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
  const choice = await vscode.window.showWarningMessage(`${name} already exists with different content.`, { modal: true }, 'Overwrite', 'Overwrite All', 'Skip');
  return choice === 'Overwrite' ? 'overwrite' : choice === 'Overwrite All' ? 'overwriteAll' : choice === 'Skip' ? 'skip' : 'cancel';
}

async function existingText(uri: string): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri);
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)));
  } catch {
    return undefined;
  }
}

function currentText(uri: string): string | undefined {
  const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri);
  if (open) return open.getText();
  const parsed = vscode.Uri.parse(uri);
  if (parsed.scheme !== 'file') return undefined;
  try { return fs.readFileSync(parsed.fsPath, 'utf8'); } catch { return undefined; }
}

/** One undoable edit: every file created (or replaced) with its content. */
async function writeFiles(files: ScaffoldFile[]): Promise<void> {
  if (files.length === 0) return;
  const edit = new vscode.WorkspaceEdit();
  for (const file of files) {
    edit.createFile(vscode.Uri.parse(file.uri), { overwrite: true, contents: new TextEncoder().encode(file.content) });
  }
  if (!await vscode.workspace.applyEdit(edit)) throw new Error('VS Code refused the scaffold edit');
  await Promise.all(files.map(async f => {
    const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === f.uri);
    if (doc?.isDirty) await doc.save();
  }));
}

function withProgress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `PyDocker: ${title}` }, task);
}
