// Owns the language client: finds the server, starts it lazily, restarts it, tracks its state for the status
// item, and forwards settings. Everything that can be decided without VS Code lives in the plain modules
// (serverLocation, settings, documents) and is unit-tested there.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification, DynamicFeature, ExecuteCommandRequest, LanguageClient, LanguageClientOptions,
  RevealOutputChannelOn, ServerOptions, State, StaticFeature, TransportKind,
} from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR, ServerState, WATCHED_GLOB, describeState } from './documents';
import { ServerLaunch, ServerResolution, describeProblem, resolveServer, summarizeProblem } from './serverLocation';
import { RESTART_SETTINGS, pydockerConfigurationValue, readServerSettings } from './settings';

/** Commands this extension contributes itself; see PyDockerLanguageClient for why that matters. */
export const CLIENT_COMMANDS: ReadonlySet<string> = new Set([
  'pydocker.restartServer', 'pydocker.showOutput', 'pydocker.scaffold',
  'pydocker.addDevStage', 'pydocker.convertToMultiStage', 'pydocker.addDistrolessStage',
]);

/**
 * VS Code accepts one handler per command id. The language client registers a VS Code command for every command
 * the server lists in `executeCommandProvider`, and the server's scaffold and stage commands share their ids with
 * the commands this extension contributes (`pydocker.scaffold`, ...). Those ids are left out of the automatic
 * registration — the extension's own command runs its UI and then calls the server with `workspace/executeCommand`.
 */
class PyDockerLanguageClient extends LanguageClient {
  public override registerFeature(feature: StaticFeature | DynamicFeature<unknown>): void {
    const dynamic = feature as Partial<DynamicFeature<{ commands?: string[] }>>;
    if (dynamic.registrationType?.method === ExecuteCommandRequest.method && typeof dynamic.register === 'function') {
      const register = dynamic.register.bind(feature);
      dynamic.register = data => {
        const commands = (data.registerOptions.commands ?? []).filter(c => !CLIENT_COMMANDS.has(c));
        register({ ...data, registerOptions: { ...data.registerOptions, commands } });
      };
    }
    super.registerFeature(feature);
  }
}

export interface ServerSnapshot {
  state: ServerState;
  starts: number;
  launch?: ServerLaunch;
  serverInfo?: { name: string; version?: string };
  capabilities?: {
    hoverProvider: boolean;
    codeActionProvider: boolean;
    executeCommands: string[];
  };
  error?: string;
}

export class ServerController implements vscode.Disposable {
  private client: PyDockerLanguageClient | undefined;
  private state: ServerState = 'idle';
  private starts = 0;
  private launch: ServerLaunch | undefined;
  private errorText: string | undefined;
  /** The same, in a few words, for the status item. */
  private statusError: string | undefined;
  private starting: Promise<boolean> | undefined;
  private shownProblem: string | undefined;
  private shownSettingsProblem: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly stateChanged = new vscode.EventEmitter<ServerSnapshot>();
  private readonly status: vscode.LanguageStatusItem;
  readonly onDidChangeState = this.stateChanged.event;

  constructor(private readonly context: vscode.ExtensionContext, readonly output: vscode.OutputChannel) {
    this.status = vscode.languages.createLanguageStatusItem('pydocker.server', [...DOCUMENT_SELECTOR]);
    this.status.name = 'PyDocker language server';
    this.disposables.push(this.status, this.stateChanged);
    this.disposables.push(vscode.workspace.onDidChangeConfiguration(e => this.onConfigurationChanged(e)));
    this.setState(this.enabled() ? 'idle' : 'disabled');
  }

  snapshot(): ServerSnapshot {
    const result = this.client?.initializeResult;
    const capabilities = result?.capabilities;
    return {
      state: this.state,
      starts: this.starts,
      launch: this.launch,
      serverInfo: result?.serverInfo,
      capabilities: capabilities && {
        hoverProvider: !!capabilities.hoverProvider,
        codeActionProvider: !!capabilities.codeActionProvider,
        executeCommands: capabilities.executeCommandProvider?.commands ?? [],
      },
      error: this.errorText,
    };
  }

  /** Starts the server for a document the server cares about, the first time one is opened. */
  startFor(document: vscode.TextDocument): void {
    if (this.state !== 'idle') return;
    if (vscode.languages.match([...DOCUMENT_SELECTOR], document) === 0) return;
    void this.ensureStarted();
  }

  /** Starts the server unless it runs, is starting, is disabled or failed (a failure waits for a restart). */
  ensureStarted(): Promise<boolean> {
    if (this.state === 'running') return Promise.resolve(true);
    if (this.starting) return this.starting;
    if (this.state === 'disabled' || this.state === 'error') return Promise.resolve(false);
    return this.start();
  }

  async restart(): Promise<boolean> {
    if (!this.enabled()) {
      void vscode.window.showInformationMessage('PyDocker is turned off by the setting "pydocker.enable".', 'Open Settings')
        .then(choice => { if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'pydocker.enable'); });
      return false;
    }
    if (this.starting) await this.starting.catch(() => false);
    await this.stop();
    this.shownProblem = undefined;
    return this.start();
  }

  async stop(next: ServerState = 'stopped'): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        if (client.isRunning()) await client.stop(5000);
      } catch (error) {
        this.output.appendLine(`[client] stopping the server failed: ${String(error)}`);
      }
      await client.dispose(2000).catch(() => undefined);
    }
    this.setState(next);
  }

  /** Server commands are reached through the running client. Undefined when the server does not list the command. */
  isServerCommand(command: string): boolean {
    return this.snapshot().capabilities?.executeCommands.includes(command) ?? false;
  }

  async executeServerCommand(command: string, args: unknown[]): Promise<unknown> {
    const client = this.client;
    if (!client || !client.isRunning()) throw new Error('the PyDocker server is not running');
    return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  /** "pydocker 0.1.0" once the server said who it is, else the file that was started. */
  serverDescription(): string | undefined {
    const info = this.client?.initializeResult?.serverInfo;
    if (info) return `${info.name}${info.version ? ' ' + info.version : ''}`;
    return this.launch?.file;
  }

  dispose(): void {
    void this.stop();
    this.disposables.forEach(d => d.dispose());
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration('pydocker').get<boolean>('enable', true) !== false;
  }

  private start(): Promise<boolean> {
    this.starting = this.doStart().finally(() => { this.starting = undefined; });
    return this.starting;
  }

  private async doStart(): Promise<boolean> {
    if (!this.enabled()) { this.setState('disabled'); return false; }
    const resolution = this.resolve();
    if (resolution.kind === 'problem') {
      this.errorText = describeProblem(resolution);
      this.statusError = summarizeProblem(resolution.problem);
      this.output.appendLine(`[client] ${this.errorText} (looked for: ${resolution.tried.join(', ')})`);
      this.setState('error');
      this.showProblem(resolution);
      return false;
    }
    this.launch = resolution.launch;
    this.errorText = undefined;
    this.statusError = undefined;
    this.ensureExecutable(resolution.launch.command);
    this.output.appendLine(`[client] starting ${resolution.launch.command} ${resolution.launch.args.join(' ')} --stdio (${resolution.launch.source})`);

    const client = this.createClient(resolution.launch);
    this.client = client;
    this.starts++;
    this.setState('starting');
    try {
      await client.start();
    } catch (error) {
      if (this.client !== client) return false; // stopped or restarted meanwhile
      this.errorText = `the server failed to start: ${error instanceof Error ? error.message : String(error)}`;
      this.statusError = 'the server failed to start';
      this.output.appendLine(`[client] ${this.errorText}`);
      this.client = undefined;
      await client.dispose(2000).catch(() => undefined);
      this.setState('error');
      return false;
    }
    if (this.client !== client) return false;
    this.setState('running');
    return true;
  }

  private resolve(): ServerResolution {
    const configured = vscode.workspace.getConfiguration('pydocker').get<string>('server.path', '');
    return resolveServer({
      configuredPath: configured,
      extensionPath: this.context.extensionPath,
      platform: process.platform,
      arch: process.arch,
      musl: isMusl(),
      homeDir: os.homedir(),
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.scheme === 'file' ? vscode.workspace.workspaceFolders[0].uri.fsPath : undefined,
      env: process.env,
      isFile: file => { try { return fs.statSync(file).isFile(); } catch { return false; } },
    });
  }

  /** A .vsix does not always keep the executable bit; the bundled server is ours to fix. */
  private ensureExecutable(command: string): void {
    if (process.platform === 'win32' || !command.startsWith(this.context.extensionPath)) return;
    try {
      fs.accessSync(command, fs.constants.X_OK);
    } catch {
      try { fs.chmodSync(command, 0o755); } catch (error) { this.output.appendLine(`[client] cannot make ${command} executable: ${String(error)}`); }
    }
  }

  private createClient(launch: ServerLaunch): PyDockerLanguageClient {
    const serverOptions: ServerOptions = {
      command: launch.command,
      args: launch.args,
      transport: TransportKind.stdio,
      options: { env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } },
    };
    const settings = this.readSettings();
    const clientOptions: LanguageClientOptions = {
      documentSelector: [...DOCUMENT_SELECTOR] as LanguageClientOptions['documentSelector'],
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      diagnosticCollectionName: 'pydocker',
      initializationOptions: {
        settings,
        client: { name: 'vscode', extensionVersion: String(this.context.extension.packageJSON.version ?? '') },
      },
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher(WATCHED_GLOB),
      },
      middleware: {
        workspace: {
          // The push model (settings in the notification) and the pull model (`workspace/configuration`) both
          // carry the normalised section, so the server never sees a misspelt rule id or severity.
          didChangeConfiguration: async (sections, next) => {
            if (!sections?.some(s => s === 'pydocker' || s.startsWith('pydocker.'))) return next(sections);
            await client.sendNotification(DidChangeConfigurationNotification.type, { settings: { pydocker: this.readSettings() } });
          },
          configuration: async (params, token, next) => {
            const answers = await next(params, token);
            if (!Array.isArray(answers)) return answers;
            return params.items.map((item, index) => {
              const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
              const own = pydockerConfigurationValue(item.section, rawSection(scope));
              return own === undefined ? answers[index] : own.value;
            });
          },
        },
      },
    };
    const client = new PyDockerLanguageClient('pydocker', 'PyDocker', serverOptions, clientOptions);
    client.onDidChangeState(event => {
      if (this.client !== client) return;
      if (event.newState === State.Starting) this.setState('starting');
      else if (event.newState === State.Running) this.setState('running');
      else if (event.newState === State.Stopped && this.state !== 'disabled') this.setState('stopped');
    });
    return client;
  }

  private readSettings() {
    const { settings, problems } = readServerSettings(rawSection(undefined));
    if (problems.length > 0) {
      problems.forEach(p => this.output.appendLine(`[settings] ${p}`));
      const key = problems.join('\n');
      if (key !== this.shownSettingsProblem) {
        this.shownSettingsProblem = key;
        void vscode.window.showWarningMessage(`PyDocker ignored ${problems.length === 1 ? 'a setting value' : `${problems.length} setting values`}: ${problems[0]}`, 'Open Settings')
          .then(choice => { if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'pydocker'); });
      }
    }
    return settings;
  }

  private async onConfigurationChanged(event: vscode.ConfigurationChangeEvent): Promise<void> {
    if (!event.affectsConfiguration('pydocker')) return;
    if (event.affectsConfiguration('pydocker.enable')) {
      if (!this.enabled()) { await this.stop('disabled'); return; }
      if (this.state === 'disabled') {
        this.setState('idle');
        const open = vscode.workspace.textDocuments.find(d => vscode.languages.match([...DOCUMENT_SELECTOR], d) > 0);
        if (open) void this.ensureStarted();
        return;
      }
    }
    if (RESTART_SETTINGS.some(s => event.affectsConfiguration(s))) {
      if (this.state !== 'idle' && this.state !== 'disabled') await this.restart();
      return;
    }
    // Other pydocker settings reach the server through the language client: the server registers for
    // `workspace/didChangeConfiguration` on the `pydocker` section, and the middleware below sends them normalised.
  }

  private showProblem(resolution: Extract<ServerResolution, { kind: 'problem' }>): void {
    const message = describeProblem(resolution);
    if (this.shownProblem === message) return;
    this.shownProblem = message;
    const actions = resolution.problem === 'dotnet-missing' ? ['Install .NET', 'Open Settings', 'Show Output'] : ['Open Settings', 'Show Output'];
    void vscode.window.showErrorMessage(message, ...actions).then(choice => {
      if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'pydocker.server.path');
      else if (choice === 'Install .NET') void vscode.env.openExternal(vscode.Uri.parse('https://dotnet.microsoft.com/download/dotnet/8.0'));
      else if (choice === 'Show Output') this.output.show(true);
    });
  }

  private setState(state: ServerState): void {
    this.state = state;
    const view = describeState(state, this.serverDescription(), this.statusError);
    this.status.text = view.text;
    this.status.detail = view.detail;
    this.status.busy = view.busy;
    this.status.severity = view.severity === 'error' ? vscode.LanguageStatusSeverity.Error
      : view.severity === 'warning' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.status.command = view.action;
    this.stateChanged.fire(this.snapshot());
  }
}

function rawSection(scope: vscode.Uri | undefined): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('pydocker', scope);
  // A WorkspaceConfiguration is not a plain object; rebuild the section the way it looks in settings.json.
  return {
    enable: config.get('enable'),
    server: { path: config.get('server.path') },
    trace: { server: config.get('trace.server') },
    rules: config.get('rules'),
    buildContext: config.get('buildContext'),
    scaffold: { templatesPath: config.get('scaffold.templatesPath') },
    configurationPrecedence: config.get('configurationPrecedence'),
  };
}

/** musl (Alpine) has no glibc version in node's process report. */
function isMusl(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
    return !report?.header?.glibcVersionRuntime;
  } catch {
    return false;
  }
}
