// Which documents the server sees and which files it hears about. File patterns (not language ids) carry the
// Python manifests, so the selection is the same whether or not a Python or TOML extension is installed and
// whatever language mode those extensions give the files.

export interface DocumentFilter {
  language?: string;
  scheme?: string;
  pattern?: string;
}

/** Manifest and context files the server reads together with a Dockerfile (glob patterns, `/`-separated). */
export const MANIFEST_PATTERNS: readonly string[] = [
  '**/*requirements*.txt',
  '**/requirements/*.txt',
  '**/*constraints*.txt',
  // pip-tools inputs; a bare `*.in` would also catch autotools' Makefile.in and config.h.in.
  '**/*requirements*.in',
  '**/requirements/*.in',
  '**/pyproject.toml',
  '**/uv.lock',
  '**/poetry.lock',
  '**/Pipfile',
  '**/Pipfile.lock',
  '**/.dockerignore',
  // BuildKit's per-Dockerfile ignore file: `Dockerfile.dockerignore`, `api.Dockerfile.dockerignore`.
  '**/*.dockerignore',
  '**/.python-version',
];

export const DOCUMENT_SELECTOR: readonly DocumentFilter[] = [
  { language: 'dockerfile', scheme: 'file' },
  { language: 'dockerfile', scheme: 'untitled' },
  ...MANIFEST_PATTERNS.map(pattern => ({ scheme: 'file', pattern })),
];

/**
 * Files whose creation, change or deletion on disk the server is told about (`workspace/didChangeWatchedFiles`),
 * so that a Dockerfile is re-linted when a manifest of its build context changes outside the editor
 * (a `git checkout`, `uv lock`, `poetry add`).
 */
export const WATCHED_GLOB = '**/{' + [
  '*requirements*.txt', '*constraints*.txt', '*requirements*.in', 'requirements/*.txt', 'requirements/*.in',
  'pyproject.toml', 'uv.lock', 'poetry.lock', 'Pipfile', 'Pipfile.lock',
  '.dockerignore', '*.dockerignore', '.python-version', 'pip.conf',
  'Dockerfile', 'Dockerfile.*', '*.dockerfile', 'Containerfile', 'Containerfile.*',
].join(',') + '}';

export type ServerState = 'idle' | 'starting' | 'running' | 'stopped' | 'error' | 'disabled';

export interface StatusView {
  text: string;
  detail: string;
  severity: 'information' | 'warning' | 'error';
  busy: boolean;
  /** The action offered next to the status. */
  action: { title: string; command: string; arguments?: unknown[] };
}

/** What the language status item shows for a server state. */
export function describeState(state: ServerState, server: string | undefined, error?: string): StatusView {
  const restart = { title: 'Restart', command: 'pydocker.restartServer' };
  const output = { title: 'Show Output', command: 'pydocker.showOutput' };
  switch (state) {
    case 'idle':
      return { text: 'PyDocker', detail: 'server starts with the first Dockerfile or manifest', severity: 'information', busy: false, action: output };
    case 'starting':
      return { text: 'PyDocker: starting', detail: server ?? '', severity: 'information', busy: true, action: output };
    case 'running':
      return { text: 'PyDocker', detail: server ? `running ${server}` : 'running', severity: 'information', busy: false, action: restart };
    case 'stopped':
      return { text: 'PyDocker: stopped', detail: 'the server is not running', severity: 'warning', busy: false, action: restart };
    case 'error':
      return { text: 'PyDocker: error', detail: error ?? 'the server could not start', severity: 'error', busy: false, action: output };
    case 'disabled':
      return { text: 'PyDocker: off', detail: 'disabled by the setting pydocker.enable', severity: 'information', busy: false, action: { title: 'Settings', command: 'workbench.action.openSettings', arguments: ['pydocker.enable'] } };
  }
}
