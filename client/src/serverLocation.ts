// Where the language server comes from, decided without touching VS Code so that it can be unit-tested.
// The order is the one users can reason about: their own setting, then the self-contained executable that the
// platform-specific .vsix ships, then the framework-dependent build that the universal .vsix ships (run with
// `dotnet`), and otherwise a problem that names what to do — never a silent failure.
import * as path from 'node:path';

/** Folder, inside the extension, that holds the published servers (one sub-folder per vsce target, plus `any`). */
export const SERVER_DIST_FOLDER = 'server-dist';
/** Sub-folder of the framework-dependent build that runs on every platform with a .NET runtime. */
export const PORTABLE_TARGET = 'any';
/** The server's verb and transport: `pydocker lsp --stdio` (the language client appends `--stdio`). */
export const SERVER_ARGS: readonly string[] = ['lsp'];

export type ServerSource = 'setting' | 'bundled' | 'bundled-dotnet';

export interface ServerLaunch {
  source: ServerSource;
  command: string;
  args: string[];
  /** The file that was found (the executable, or the .dll that `dotnet` runs). */
  file: string;
}

export type ServerProblem =
  /** `pydocker.server.path` names a file that does not exist. */
  | 'configured-path-missing'
  /** A .dll would do, but no `dotnet` is on the PATH (or in DOTNET_ROOT). */
  | 'dotnet-missing'
  /** Neither a setting nor a bundled server: a .vsix without a server, or a development checkout. */
  | 'no-server';

export type ServerResolution =
  | { kind: 'found'; launch: ServerLaunch; tried: string[] }
  | { kind: 'problem'; problem: ServerProblem; file?: string; tried: string[] };

export interface ServerLookup {
  /** The raw `pydocker.server.path` setting ('' or undefined when unset). */
  configuredPath: string | undefined;
  extensionPath: string;
  platform: NodeJS.Platform;
  arch: string;
  /** True on a musl libc Linux (Alpine), whose vsce target is `alpine-<arch>`. */
  musl: boolean;
  homeDir: string;
  /** Folder that a relative `pydocker.server.path` is resolved against (the first workspace folder). */
  workspaceFolder?: string;
  env: { PATH?: string; Path?: string; PATHEXT?: string; DOTNET_ROOT?: string };
  isFile(file: string): boolean;
}

/** The vsce `--target` name of this platform, which is also the folder name of its bundled server. */
export function vsceTarget(platform: NodeJS.Platform, arch: string, musl: boolean): string | undefined {
  const archName = arch === 'arm' ? 'armhf' : arch;
  if (!['x64', 'arm64', 'armhf'].includes(archName)) return undefined;
  switch (platform) {
    case 'linux': return musl ? `alpine-${archName}` : `linux-${archName}`;
    case 'darwin': return archName === 'armhf' ? undefined : `darwin-${archName}`;
    case 'win32': return archName === 'armhf' ? undefined : `win32-${archName}`;
    default: return undefined;
  }
}

export function resolveServer(lookup: ServerLookup): ServerResolution {
  const paths = lookup.platform === 'win32' ? path.win32 : path.posix;
  const tried: string[] = [];

  const configured = (lookup.configuredPath ?? '').trim();
  if (configured !== '') {
    const file = absoluteConfiguredPath(configured, lookup, paths);
    tried.push(file);
    if (!lookup.isFile(file)) return { kind: 'problem', problem: 'configured-path-missing', file, tried };
    if (!isDll(file)) return { kind: 'found', launch: { source: 'setting', command: file, args: [...SERVER_ARGS], file }, tried };
    const dotnet = findDotnet(lookup, paths);
    if (dotnet === undefined) return { kind: 'problem', problem: 'dotnet-missing', file, tried };
    return { kind: 'found', launch: { source: 'setting', command: dotnet, args: [file, ...SERVER_ARGS], file }, tried };
  }

  const dist = paths.join(lookup.extensionPath, SERVER_DIST_FOLDER);
  const target = vsceTarget(lookup.platform, lookup.arch, lookup.musl);
  if (target !== undefined) {
    const exe = paths.join(dist, target, lookup.platform === 'win32' ? 'pydocker.exe' : 'pydocker');
    tried.push(exe);
    if (lookup.isFile(exe)) return { kind: 'found', launch: { source: 'bundled', command: exe, args: [...SERVER_ARGS], file: exe }, tried };
  }

  const dll = paths.join(dist, PORTABLE_TARGET, 'pydocker.dll');
  tried.push(dll);
  if (!lookup.isFile(dll)) return { kind: 'problem', problem: 'no-server', tried };
  const dotnet = findDotnet(lookup, paths);
  if (dotnet === undefined) return { kind: 'problem', problem: 'dotnet-missing', file: dll, tried };
  return { kind: 'found', launch: { source: 'bundled-dotnet', command: dotnet, args: [dll, ...SERVER_ARGS], file: dll }, tried };
}

function isDll(file: string): boolean {
  return file.toLowerCase().endsWith('.dll');
}

function absoluteConfiguredPath(configured: string, lookup: ServerLookup, paths: path.PlatformPath): string {
  if (configured === '~' || configured.startsWith('~/') || configured.startsWith('~\\')) {
    return paths.join(lookup.homeDir, configured.slice(1));
  }
  if (paths.isAbsolute(configured)) return paths.normalize(configured);
  return paths.resolve(lookup.workspaceFolder ?? lookup.homeDir, configured);
}

/** `dotnet` from DOTNET_ROOT first (what the .NET installer scripts set), then from the PATH. */
export function findDotnet(lookup: ServerLookup, paths: path.PlatformPath = lookup.platform === 'win32' ? path.win32 : path.posix): string | undefined {
  const names = lookup.platform === 'win32' ? windowsNames('dotnet', lookup.env.PATHEXT) : ['dotnet'];
  const dirs: string[] = [];
  if (lookup.env.DOTNET_ROOT) dirs.push(lookup.env.DOTNET_ROOT);
  const pathVariable = lookup.env.PATH ?? lookup.env.Path ?? '';
  const separator = lookup.platform === 'win32' ? ';' : ':';
  for (const dir of pathVariable.split(separator)) {
    const unquoted = dir.replace(/^"(.*)"$/, '$1');
    if (unquoted !== '') dirs.push(unquoted);
  }
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = paths.join(dir, name);
      if (lookup.isFile(candidate)) return candidate;
    }
  }
  return undefined;
}

function windowsNames(base: string, pathExt: string | undefined): string[] {
  const extensions = (pathExt ?? '.EXE;.CMD;.BAT').split(';').filter(e => e !== '');
  return extensions.map(e => base + e.toLowerCase());
}

/** A few words for the language status item; the notification carries the whole story. */
export function summarizeProblem(problem: ServerProblem): string {
  switch (problem) {
    case 'configured-path-missing': return 'pydocker.server.path not found';
    case 'dotnet-missing': return '.NET runtime not found';
    case 'no-server': return 'no server for this platform';
  }
}

/** A message for the notification: what went wrong and what the user can do about it. */
export function describeProblem(resolution: Extract<ServerResolution, { kind: 'problem' }>): string {
  switch (resolution.problem) {
    case 'configured-path-missing':
      return `PyDocker: the server named by the setting "pydocker.server.path" does not exist (${resolution.file}). ` +
        'Fix the path, or clear the setting to use the server bundled with the extension.';
    case 'dotnet-missing':
      return `PyDocker needs the .NET runtime (8 or newer) to run its server ${resolution.file}, but "dotnet" is not on the PATH. ` +
        'Install .NET, or install the PyDocker extension for your platform, which brings its own runtime.';
    case 'no-server':
      return 'PyDocker could not find its language server: this installation of the extension ships none for this platform. ' +
        'Set "pydocker.server.path" to a pydocker executable or pydocker.dll.';
  }
}
