// The scaffold flow's decisions: what the server detected, which files its edit produces, and which of them
// are written when some already exist.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  OverwriteChoice, ScaffoldFile, applyTextEdits, fileToOpen, filesFromWorkspaceEdit, planWrites, readDetection, scaffoldOptions,
  validateField,
} from '../src/scaffoldPlan';

const at = (line: number, character: number) => ({ line, character });
const insert = (text: string) => ({ range: { start: at(0, 0), end: at(0, 0) }, newText: text });

describe('readDetection', () => {
  test('puts the recommended pattern first and keeps the server order otherwise', () => {
    const detection = readDetection({
      patterns: [
        { id: 'pip-venv', title: 'builder + final with a venv' },
        { id: 'uv', title: 'uv builder', reason: 'uv.lock found' },
        { id: 'distroless' },
      ],
      recommendedPattern: 'uv',
    });
    assert.deepEqual(detection.patterns.map(p => [p.id, p.recommended]), [['uv', true], ['pip-venv', false], ['distroless', false]]);
    assert.equal(detection.patterns[0].reason, 'uv.lock found');
    assert.equal(detection.patterns[2].label, 'distroless');
  });

  test('always shows the four reviewed fields, detected or not, then the other detected ones', () => {
    const detection = readDetection({
      fields: {
        port: { value: 8000, reason: 'uvicorn --port 8000 in README' },
        pythonVersion: { value: '3.12', reason: 'requires-python >=3.11,<3.13' },
        packageManager: { value: 'uv', reason: 'uv.lock found' },
        framework: { value: null },
      },
    });
    assert.deepEqual(detection.fields.map(f => [f.key, f.value]), [
      ['framework', ''], ['entryPoint', ''], ['port', '8000'], ['python', '3.12'], ['packageManager', 'uv'],
    ]);
    assert.equal(detection.fields[3].label, 'Python version');
    assert.equal(detection.fields[3].reason, 'requires-python >=3.11,<3.13');
  });

  test('reads fields given at the top level, and ignores what is not a field', () => {
    const detection = readDetection({ framework: 'fastapi', entrypoint: { value: 'app.main:app' }, patterns: [], folder: 'file:///p', odd: { nested: 1 } });
    assert.deepEqual(detection.fields.map(f => [f.key, f.value]), [['framework', 'fastapi'], ['entryPoint', 'app.main:app'], ['port', ''], ['python', '']]);
  });

  test('an answer that is not an object yields nothing to choose', () => {
    assert.deepEqual(readDetection(null).patterns, []);
  });
});

describe('scaffoldOptions and validateField', () => {
  test('sends non-empty values, the port as a number', () => {
    assert.deepEqual(scaffoldOptions([
      { key: 'framework', label: 'Framework', value: 'django' },
      { key: 'entryPoint', label: 'Entry point', value: '  ' },
      { key: 'port', label: 'Port', value: '8080' },
      { key: 'python', label: 'Python version', value: '3.13' },
    ]), { framework: 'django', port: 8080, python: '3.13' });
  });
  const checks: Array<[string, string, boolean]> = [
    ['port', '8000', true], ['port', '0', false], ['port', '70000', false], ['port', 'http', false], ['port', '', true],
    ['python', '3.12', true], ['python', '3', false], ['python', '3.12.1', false], ['entryPoint', 'anything', true],
  ];
  for (const [key, value, ok] of checks) {
    test(`${key} "${value}" is ${ok ? 'accepted' : 'refused'}`, () => {
      assert.equal(validateField(key, value) === undefined, ok);
    });
  }
});

describe('filesFromWorkspaceEdit', () => {
  test('created files start empty; edited files start from their current text', () => {
    const files = filesFromWorkspaceEdit({
      documentChanges: [
        { kind: 'create', uri: 'file:///p/Dockerfile', options: { overwrite: true } },
        { textDocument: { uri: 'file:///p/Dockerfile', version: null }, edits: [insert('FROM python:3.12-slim\n')] },
        { textDocument: { uri: 'file:///p/.dockerignore', version: null }, edits: [{ range: { start: at(1, 0), end: at(1, 0) }, newText: '.venv\n' }] },
      ],
    }, uri => (uri === 'file:///p/.dockerignore' ? '.git\n' : 'IGNORED'));
    assert.deepEqual(files, [
      { uri: 'file:///p/Dockerfile', content: 'FROM python:3.12-slim\n' },
      { uri: 'file:///p/.dockerignore', content: '.git\n.venv\n' },
    ]);
  });

  test('the plain `changes` form is understood', () => {
    assert.deepEqual(filesFromWorkspaceEdit({ changes: { 'file:///p/a': [insert('x')] } }, () => undefined), [{ uri: 'file:///p/a', content: 'x' }]);
  });

  test('renames and deletions are refused', () => {
    assert.throws(() => filesFromWorkspaceEdit({ documentChanges: [{ kind: 'delete', uri: 'file:///p/Dockerfile' }] }, () => undefined), /delete a file/);
  });

  test('no edit at all is an error', () => {
    assert.throws(() => filesFromWorkspaceEdit(null, () => undefined), /without a workspace edit/);
  });
});

describe('applyTextEdits', () => {
  const cases: Array<[string, string, Parameters<typeof applyTextEdits>[1], string]> = [
    ['inserts into an empty text', '', [insert('a\nb')], 'a\nb'],
    ['replaces a range across lines', 'one\ntwo\nthree', [{ range: { start: at(0, 1), end: at(2, 2) }, newText: 'X' }], 'oXree'],
    ['applies edits given out of order', 'abc', [{ range: { start: at(0, 2), end: at(0, 2) }, newText: '2' }, { range: { start: at(0, 1), end: at(0, 1) }, newText: '1' }], 'a1b2c'],
    ['keeps the order of two inserts at one position', '', [insert('first '), insert('second')], 'first second'],
    ['clamps a column past the end of its line', 'ab\ncd', [{ range: { start: at(0, 9), end: at(0, 9) }, newText: '!' }], 'ab!\ncd'],
  ];
  for (const [name, text, edits, expected] of cases) {
    test(name, () => assert.equal(applyTextEdits(text, edits), expected));
  }
  test('overlapping edits are refused', () => {
    assert.throws(() => applyTextEdits('abcdef', [
      { range: { start: at(0, 0), end: at(0, 3) }, newText: '' },
      { range: { start: at(0, 2), end: at(0, 4) }, newText: '' },
    ]), /overlapping/);
  });
});

describe('planWrites', () => {
  const files: ScaffoldFile[] = [
    { uri: 'file:///p/Dockerfile', content: 'FROM python:3.12-slim\n' },
    { uri: 'file:///p/.dockerignore', content: '.git\n.venv\n' },
    { uri: 'file:///p/compose.yaml', content: 'services: {}\n' },
  ];
  const disk = (existing: Record<string, string>) => async (uri: string) => existing[uri];
  const answers = (...choices: OverwriteChoice[]) => {
    const asked: string[] = [];
    return { asked, ask: async (uri: string) => { asked.push(uri); return choices.shift(); } };
  };

  test('new files are written without a question', async () => {
    const { asked, ask } = answers();
    const plan = await planWrites(files, disk({}), ask);
    assert.deepEqual(plan.write.map(f => f.uri), files.map(f => f.uri));
    assert.deepEqual(asked, []);
  });

  test('an identical file (line endings aside) is left alone without a question', async () => {
    const { asked, ask } = answers();
    const plan = await planWrites(files, disk({ 'file:///p/Dockerfile': 'FROM python:3.12-slim\r\n' }), ask);
    assert.deepEqual(plan.unchanged, ['file:///p/Dockerfile']);
    assert.deepEqual(plan.write.map(f => f.uri), ['file:///p/.dockerignore', 'file:///p/compose.yaml']);
    assert.deepEqual(asked, []);
  });

  test('Skip keeps that file and goes on', async () => {
    const { asked, ask } = answers('skip', 'overwrite');
    const plan = await planWrites(files, disk({ 'file:///p/Dockerfile': 'old', 'file:///p/compose.yaml': 'old' }), ask);
    assert.deepEqual(asked, ['file:///p/Dockerfile', 'file:///p/compose.yaml']);
    assert.deepEqual(plan.skipped, ['file:///p/Dockerfile']);
    assert.deepEqual(plan.write.map(f => f.uri), ['file:///p/.dockerignore', 'file:///p/compose.yaml']);
  });

  test('Overwrite All stops asking', async () => {
    const { asked, ask } = answers('overwriteAll');
    const plan = await planWrites(files, disk({ 'file:///p/Dockerfile': 'old', 'file:///p/.dockerignore': 'old', 'file:///p/compose.yaml': 'old' }), ask);
    assert.deepEqual(asked, ['file:///p/Dockerfile']);
    assert.equal(plan.write.length, 3);
  });

  test('Cancel, or closing the question, writes nothing at all', async () => {
    for (const { ask } of [answers('overwrite', 'cancel'), answers()]) {
      const plan = await planWrites(files, disk({ 'file:///p/.dockerignore': 'old', 'file:///p/compose.yaml': 'old' }), ask);
      assert.deepEqual(plan, { cancelled: true, write: [], skipped: [], unchanged: [] });
    }
  });

  test('the Dockerfile is the file opened afterwards, not its .dockerignore', async () => {
    const plan = await planWrites([files[1], files[0]], disk({}), answers().ask);
    assert.equal(fileToOpen(plan, files), 'file:///p/Dockerfile');
    const skippedAll = { cancelled: false, write: [], skipped: ['file:///p/Dockerfile'], unchanged: [] };
    assert.equal(fileToOpen(skippedAll, files), 'file:///p/Dockerfile');
  });
});
