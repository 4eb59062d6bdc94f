// The `pydocker` settings as the server receives them: in `initializationOptions.settings`, in the answer to
// `workspace/configuration` for the section `pydocker`, and in `workspace/didChangeConfiguration`.
// Raw values come from user-edited JSON, so everything is checked here and every value dropped is reported,
// instead of the server guessing what a misspelt rule id or severity meant.

export const RULE_SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'] as const;
export type RuleSeverity = typeof RULE_SEVERITIES[number];
export const PRECEDENCES = ['file', 'editor'] as const;
export type ConfigurationPrecedence = typeof PRECEDENCES[number];

const RULE_ID = /^PD\d{3}$/;

/** What the server is told. `server.path` and `trace.server` stay in the client: they are about starting it. */
export interface ServerSettings {
  enable: boolean;
  /** Rule id (`PD201`) → severity chosen in the editor. */
  rules: Record<string, RuleSeverity>;
  /** Build context relative to the workspace folder; '' = the Dockerfile's folder (or `[tool.pydocker] context`). */
  buildContext: string;
  scaffold: { templatesPath: string };
  /** `file`: `[tool.pydocker]` in pyproject.toml wins over `rules`; `editor`: `rules` wins. */
  configurationPrecedence: ConfigurationPrecedence;
}

export interface SettingsReading {
  settings: ServerSettings;
  /** One sentence per ignored value, for the output channel. */
  problems: string[];
}

export const DEFAULT_SETTINGS: Readonly<ServerSettings> = Object.freeze({
  enable: true,
  rules: {},
  buildContext: '',
  scaffold: { templatesPath: '' },
  configurationPrecedence: 'file',
});

/** Reads the `pydocker` section (as `workspace.getConfiguration('pydocker')` or a plain object gives it). */
export function readServerSettings(section: unknown): SettingsReading {
  const problems: string[] = [];
  const raw = isRecord(section) ? section : {};
  const settings: ServerSettings = {
    enable: readBoolean(raw, 'enable', DEFAULT_SETTINGS.enable, problems),
    rules: readRules(raw['rules'], problems),
    buildContext: readString(raw, 'buildContext', problems),
    scaffold: { templatesPath: readString(isRecord(raw['scaffold']) ? raw['scaffold'] : {}, 'templatesPath', problems, 'scaffold.templatesPath') },
    configurationPrecedence: readPrecedence(raw['configurationPrecedence'], problems),
  };
  return { settings, problems };
}

/** Normalises rule ids to upper case and severities to lower case; `information`/`warn` are accepted as spelt in other linters. */
export function readRules(value: unknown, problems: string[] = []): Record<string, RuleSeverity> {
  const rules: Record<string, RuleSeverity> = {};
  if (value === undefined || value === null) return rules;
  if (!isRecord(value)) {
    problems.push(`pydocker.rules must be an object of rule id → severity; ignored ${JSON.stringify(value)}.`);
    return rules;
  }
  for (const [key, severity] of Object.entries(value)) {
    const id = key.trim().toUpperCase();
    if (!RULE_ID.test(id)) {
      problems.push(`pydocker.rules: "${key}" is not a rule id (expected PD followed by three digits, e.g. PD201); ignored.`);
      continue;
    }
    const normalized = normalizeSeverity(severity);
    if (normalized === undefined) {
      problems.push(`pydocker.rules: ${id} has severity ${JSON.stringify(severity)}, expected one of ${RULE_SEVERITIES.join(', ')}; ignored.`);
      continue;
    }
    rules[id] = normalized;
  }
  return rules;
}

function normalizeSeverity(value: unknown): RuleSeverity | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  if (lower === 'information') return 'info';
  if (lower === 'warn') return 'warning';
  return (RULE_SEVERITIES as readonly string[]).includes(lower) ? lower as RuleSeverity : undefined;
}

function readPrecedence(value: unknown, problems: string[]): ConfigurationPrecedence {
  if (value === undefined || value === null) return DEFAULT_SETTINGS.configurationPrecedence;
  if (typeof value === 'string' && (PRECEDENCES as readonly string[]).includes(value)) return value as ConfigurationPrecedence;
  problems.push(`pydocker.configurationPrecedence must be "file" or "editor"; ignored ${JSON.stringify(value)}.`);
  return DEFAULT_SETTINGS.configurationPrecedence;
}

function readBoolean(raw: Record<string, unknown>, key: string, fallback: boolean, problems: string[]): boolean {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  problems.push(`pydocker.${key} must be true or false; ignored ${JSON.stringify(value)}.`);
  return fallback;
}

function readString(raw: Record<string, unknown>, key: string, problems: string[], name = key): string {
  const value = raw[key];
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  problems.push(`pydocker.${name} must be a string; ignored ${JSON.stringify(value)}.`);
  return '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The answer to one item of a `workspace/configuration` request when it asks about PyDocker: the section
 * `pydocker` (normalised as a whole) or a dotted key below it (`pydocker.rules`). Undefined for any other
 * section, which the language client answers as usual.
 */
export function pydockerConfigurationValue(section: string | undefined, rawSection: unknown): { value: unknown } | undefined {
  if (section === undefined) return undefined;
  if (section === 'pydocker') return { value: readServerSettings(rawSection).settings };
  if (!section.startsWith('pydocker.')) return undefined;
  let value: unknown = readServerSettings(rawSection).settings;
  for (const part of section.slice('pydocker.'.length).split('.')) {
    value = isRecord(value) ? value[part] : undefined;
  }
  // A key the server does not get normalised (e.g. `pydocker.server.path`) is answered from the raw section.
  if (value === undefined) {
    value = rawSection;
    for (const part of section.slice('pydocker.'.length).split('.')) {
      value = isRecord(value) ? value[part] : undefined;
    }
  }
  return { value: value ?? null };
}

/** Settings whose change needs a new server process rather than a configuration notification. */
export const RESTART_SETTINGS: readonly string[] = ['pydocker.server.path'];
