// The decisions of the scaffold flow that do not need VS Code: reading the server's detection, turning the
// server's WorkspaceEdit into whole files, and deciding which files to write when some already exist.
// The wire format is described in client/PROTOCOL.md.

// ---------------------------------------------------------------- detection (`pydocker.scaffold.detect`)

export interface PatternChoice {
  id: string;
  label: string;
  description?: string;
  reason?: string;
  recommended: boolean;
}

export interface DetectedField {
  key: string;
  label: string;
  value: string;
  reason?: string;
}

export interface ScaffoldDetection {
  /** The recommended pattern first, then the others in the server's order. */
  patterns: PatternChoice[];
  /** The fields the user reviews, in a fixed order, then any other detected field. */
  fields: DetectedField[];
}

/** Fields the review step always shows (even when nothing was detected), with their labels. */
export const REVIEWED_FIELDS: ReadonlyArray<{ key: string; label: string }> = [
  { key: 'framework', label: 'Framework' },
  { key: 'entryPoint', label: 'Entry point' },
  { key: 'port', label: 'Port' },
  { key: 'python', label: 'Python version' },
];

const FIELD_ALIASES: Record<string, string> = { pythonVersion: 'python', entrypoint: 'entryPoint' };
const NOT_FIELDS = new Set(['patterns', 'recommended', 'recommendedPattern', 'fields', 'folder']);

export function readDetection(raw: unknown): ScaffoldDetection {
  const record = isRecord(raw) ? raw : {};
  const recommendedId = stringOf(record['recommendedPattern']) ?? stringOf(record['recommended']);
  const patterns: PatternChoice[] = [];
  for (const item of Array.isArray(record['patterns']) ? record['patterns'] : []) {
    if (!isRecord(item)) continue;
    const id = stringOf(item['id']) ?? stringOf(item['name']);
    if (id === undefined) continue;
    patterns.push({
      id,
      label: stringOf(item['title']) ?? stringOf(item['label']) ?? id,
      description: stringOf(item['description']),
      reason: stringOf(item['reason']),
      recommended: item['recommended'] === true || id === recommendedId,
    });
  }
  patterns.sort((a, b) => Number(b.recommended) - Number(a.recommended)); // stable: keeps the server's order otherwise

  const source = isRecord(record['fields']) ? record['fields'] : record;
  const found = new Map<string, DetectedField>();
  for (const [rawKey, value] of Object.entries(source)) {
    if (NOT_FIELDS.has(rawKey)) continue;
    const key = FIELD_ALIASES[rawKey] ?? rawKey;
    const field = fieldOf(key, value);
    if (field !== undefined) found.set(key, field);
  }
  const fields: DetectedField[] = REVIEWED_FIELDS.map(({ key, label }) => {
    const detected = found.get(key);
    found.delete(key);
    return detected === undefined ? { key, label, value: '' } : { ...detected, label };
  });
  fields.push(...found.values());
  return { patterns, fields };
}

function fieldOf(key: string, value: unknown): DetectedField | undefined {
  const label = key.replace(/([A-Z])/g, ' $1').replace(/^./, c => c.toUpperCase());
  if (typeof value === 'string' || typeof value === 'number') return { key, label, value: String(value) };
  if (!isRecord(value) || !('value' in value)) return undefined;
  const inner = value['value'];
  if (inner !== null && typeof inner !== 'string' && typeof inner !== 'number') return undefined;
  return { key, label, value: inner === null ? '' : String(inner), reason: stringOf(value['reason']) };
}

/** The options sent with `pydocker.scaffold`: every reviewed field the user left non-empty; the port as a number. */
export function scaffoldOptions(fields: readonly DetectedField[]): Record<string, string | number> {
  const options: Record<string, string | number> = {};
  for (const field of fields) {
    const value = field.value.trim();
    if (value === '') continue;
    options[field.key] = field.key === 'port' && /^\d+$/.test(value) ? Number(value) : value;
  }
  return options;
}

/** Why a reviewed value cannot be used, or undefined when it can. */
export function validateField(key: string, value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (key === 'port' && !(/^\d+$/.test(trimmed) && Number(trimmed) >= 1 && Number(trimmed) <= 65535)) {
    return 'A port is a whole number from 1 to 65535.';
  }
  if (key === 'python' && !/^3\.\d{1,2}$/.test(trimmed)) return 'Give the Python version as X.Y, for example 3.12.';
  return undefined;
}

// ---------------------------------------------------------------- the generated files (`pydocker.scaffold`)

export interface ScaffoldFile {
  uri: string;
  content: string;
}

interface Position { line: number; character: number }
interface TextEdit { range: { start: Position; end: Position }; newText: string }

/**
 * The files an LSP WorkspaceEdit produces, each with its whole new content. A file the edit creates starts
 * empty; a file it only edits starts from `currentText(uri)`. Renames and deletions are not part of scaffolding
 * and are rejected rather than ignored.
 */
export function filesFromWorkspaceEdit(edit: unknown, currentText: (uri: string) => string | undefined): ScaffoldFile[] {
  if (!isRecord(edit)) throw new Error('the server answered without a workspace edit');
  const created = new Set<string>();
  const editsByUri = new Map<string, TextEdit[]>();
  const order: string[] = [];
  const note = (uri: string) => { if (!editsByUri.has(uri)) { editsByUri.set(uri, []); order.push(uri); } };

  if (Array.isArray(edit['documentChanges'])) {
    for (const change of edit['documentChanges']) {
      if (!isRecord(change)) continue;
      if (change['kind'] === 'create' && typeof change['uri'] === 'string') {
        created.add(change['uri']);
        note(change['uri']);
      } else if (change['kind'] === 'rename' || change['kind'] === 'delete') {
        throw new Error(`the scaffold edit wants to ${String(change['kind'])} a file, which scaffolding never does`);
      } else if (isRecord(change['textDocument']) && typeof change['textDocument']['uri'] === 'string') {
        const uri = change['textDocument']['uri'];
        note(uri);
        editsByUri.get(uri)!.push(...textEditsOf(change['edits']));
      }
    }
  }
  if (isRecord(edit['changes'])) {
    for (const [uri, edits] of Object.entries(edit['changes'])) {
      note(uri);
      editsByUri.get(uri)!.push(...textEditsOf(edits));
    }
  }
  return order.map(uri => {
    const base = created.has(uri) ? '' : currentText(uri) ?? '';
    return { uri, content: applyTextEdits(base, editsByUri.get(uri)!) };
  });
}

function textEditsOf(value: unknown): TextEdit[] {
  if (!Array.isArray(value)) return [];
  return value.filter((e): e is TextEdit => isRecord(e) && typeof e['newText'] === 'string' && isRecord(e['range']));
}

/** Applies LSP text edits (zero-based lines, UTF-16 columns) to a text; edits at the same position keep their order. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offsetOf = (p: Position) => {
    if (p.line >= lineStarts.length) return text.length;
    const lineEnd = p.line + 1 < lineStarts.length ? lineStarts[p.line + 1] - 1 : text.length;
    return Math.min(lineStarts[p.line] + p.character, lineEnd);
  };
  const resolved = edits.map((e, index) => ({ start: offsetOf(e.range.start), end: offsetOf(e.range.end), text: e.newText, index }));
  resolved.sort((a, b) => a.start - b.start || a.index - b.index);
  let result = '';
  let cursor = 0;
  for (const e of resolved) {
    if (e.start < cursor) throw new Error('the scaffold edit has overlapping text edits');
    result += text.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  return result + text.slice(cursor);
}

// ---------------------------------------------------------------- overwrite decisions

export type OverwriteChoice = 'overwrite' | 'overwriteAll' | 'skip' | 'cancel';

export interface WritePlan {
  cancelled: boolean;
  /** Files to write (new ones, and existing ones the user agreed to replace). */
  write: ScaffoldFile[];
  /** Existing files the user chose to keep. */
  skipped: string[];
  /** Existing files whose content is already what the scaffold would write: nothing to ask, nothing to do. */
  unchanged: string[];
}

/**
 * Goes through the files in order: a new file is written; an existing file with the same content (line endings
 * aside) is left alone without a question; for any other existing file the user is asked — Overwrite, Overwrite
 * All (no more questions), Skip, or Cancel (nothing at all is written).
 */
export async function planWrites(
  files: readonly ScaffoldFile[],
  existingText: (uri: string) => Promise<string | undefined>,
  ask: (uri: string) => Promise<OverwriteChoice | undefined>,
): Promise<WritePlan> {
  const plan: WritePlan = { cancelled: false, write: [], skipped: [], unchanged: [] };
  let overwriteAll = false;
  for (const file of files) {
    const existing = await existingText(file.uri);
    if (existing === undefined) { plan.write.push(file); continue; }
    if (sameText(existing, file.content)) { plan.unchanged.push(file.uri); continue; }
    const choice = overwriteAll ? 'overwrite' : await ask(file.uri) ?? 'cancel';
    if (choice === 'cancel') return { cancelled: true, write: [], skipped: [], unchanged: [] };
    if (choice === 'skip') { plan.skipped.push(file.uri); continue; }
    if (choice === 'overwriteAll') overwriteAll = true;
    plan.write.push(file);
  }
  return plan;
}

function sameText(a: string, b: string): boolean {
  return a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');
}

/** The file to open after scaffolding: the first written or unchanged Dockerfile, else the first file. */
export function fileToOpen(plan: WritePlan, files: readonly ScaffoldFile[]): string | undefined {
  const candidates = [...plan.write.map(f => f.uri), ...plan.unchanged];
  const isDockerfile = (uri: string) => /(^|\/)(Dockerfile|Containerfile)[^/]*$|\.dockerfile$/i.test(uri) && !/\.dockerignore$/i.test(uri);
  return candidates.find(isDockerfile) ?? candidates[0] ?? files.find(f => isDockerfile(f.uri))?.uri;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
