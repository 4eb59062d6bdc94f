// Entry point of the PyDocker extension: commands, the lazily started language server, and (for the e2e
// suite only) the probe. The server does the analysis; this side finds, starts and talks to it.
import * as vscode from 'vscode';
import { startE2eProbe } from './e2eProbe';
import { STAGE_COMMANDS, scaffoldCommand, stageCommand } from './scaffold';
import { ServerController } from './serverController';

let controller: ServerController | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('PyDocker');
  controller = new ServerController(context, output);
  const server = controller;
  context.subscriptions.push(output, server);

  context.subscriptions.push(
    vscode.commands.registerCommand('pydocker.restartServer', () => server.restart()),
    vscode.commands.registerCommand('pydocker.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('pydocker.scaffold', (target?: vscode.Uri) => reportFailure(output, 'Scaffold Python Dockerfile', () => scaffoldCommand(server, target))),
    ...STAGE_COMMANDS.map(({ command, title }) =>
      vscode.commands.registerCommand(command, () => reportFailure(output, title, () => stageCommand(server, command, title)))),
  );

  const probe = startE2eProbe(server);
  if (probe) context.subscriptions.push(probe);

  // The server starts with the first document it has something to say about, not with the window.
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(document => server.startFor(document)));
  vscode.workspace.textDocuments.forEach(document => server.startFor(document));
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}

async function reportFailure(output: vscode.OutputChannel, title: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.appendLine(`[client] ${title} failed: ${error instanceof Error && error.stack ? error.stack : message}`);
    void vscode.window.showErrorMessage(`PyDocker: ${title} failed: ${message}`, 'Show Output')
      .then(choice => { if (choice) output.show(true); });
  }
}
