// The `pydocker` settings as the server receives them: checked, normalised, and every dropped value reported.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_SETTINGS, pydockerConfigurationValue, readRules, readServerSettings } from '../src/settings';

describe('readServerSettings', () => {
  test('an empty section gives the documented defaults and no problem', () => {
    assert.deepEqual(readServerSettings({}), { settings: DEFAULT_SETTINGS, problems: [] });
    assert.deepEqual(readServerSettings(undefined).settings, DEFAULT_SETTINGS);
  });

  test('every setting the server needs is carried; the client-only ones are not', () => {
    const { settings, problems } = readServerSettings({
      enable: false,
      server: { path: '/opt/pydocker' },
      trace: { server: 'verbose' },
      rules: { PD201: 'error', PD301: 'off' },
      buildContext: ' .. ',
      scaffold: { templatesPath: '/home/ada/templates' },
      configurationPrecedence: 'editor',
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      enable: false,
      rules: { PD201: 'error', PD301: 'off' },
      buildContext: '..',
      scaffold: { templatesPath: '/home/ada/templates' },
      configurationPrecedence: 'editor',
    });
  });

  const invalid: Array<{ name: string; section: Record<string, unknown>; problem: RegExp }> = [
    { name: 'enable that is not a boolean', section: { enable: 'yes' }, problem: /pydocker\.enable must be true or false/ },
    { name: 'an unknown precedence', section: { configurationPrecedence: 'project' }, problem: /"file" or "editor"/ },
    { name: 'a build context that is not a string', section: { buildContext: 3 }, problem: /pydocker\.buildContext must be a string/ },
    { name: 'rules that are a list', section: { rules: ['PD201'] }, problem: /must be an object/ },
  ];
  for (const c of invalid) {
    test(`${c.name} falls back to the default and is reported`, () => {
      const { settings, problems } = readServerSettings(c.section);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0], c.problem);
      assert.deepEqual(settings, DEFAULT_SETTINGS);
    });
  }
});

describe('readRules', () => {
  const cases: Array<{ name: string; rules: Record<string, unknown>; expected: Record<string, string>; problems: RegExp[] }> = [
    { name: 'valid entries pass unchanged', rules: { PD101: 'warning', PD402: 'hint' }, expected: { PD101: 'warning', PD402: 'hint' }, problems: [] },
    { name: 'ids and severities are case-normalised', rules: { pd201: 'Error', ' PD301 ': 'OFF' }, expected: { PD201: 'error', PD301: 'off' }, problems: [] },
    { name: 'the spellings of other linters are understood', rules: { PD101: 'information', PD102: 'warn' }, expected: { PD101: 'info', PD102: 'warning' }, problems: [] },
    { name: 'a hadolint id is not ours', rules: { DL3008: 'off', PD201: 'off' }, expected: { PD201: 'off' }, problems: [/"DL3008" is not a rule id/] },
    { name: 'a four-digit id is rejected', rules: { PD2010: 'off' }, expected: {}, problems: [/"PD2010" is not a rule id/] },
    { name: 'an unknown severity is rejected', rules: { PD201: 'fatal', PD202: true }, expected: {}, problems: [/PD201 has severity "fatal"/, /PD202 has severity true/] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const problems: string[] = [];
      assert.deepEqual(readRules(c.rules, problems), c.expected);
      assert.equal(problems.length, c.problems.length, problems.join('\n'));
      c.problems.forEach((pattern, i) => assert.match(problems[i], pattern));
    });
  }
});

describe('pydockerConfigurationValue answers workspace/configuration', () => {
  const raw = { enable: true, server: { path: '/opt/pd' }, rules: { pd201: 'warn' }, configurationPrecedence: 'editor' };
  test('the whole section, normalised', () => {
    assert.deepEqual(pydockerConfigurationValue('pydocker', raw), {
      value: { enable: true, rules: { PD201: 'warning' }, buildContext: '', scaffold: { templatesPath: '' }, configurationPrecedence: 'editor' },
    });
  });
  test('a key below the section, normalised', () => {
    assert.deepEqual(pydockerConfigurationValue('pydocker.rules', raw), { value: { PD201: 'warning' } });
    assert.deepEqual(pydockerConfigurationValue('pydocker.scaffold.templatesPath', raw), { value: '' });
  });
  test('a client-only key comes from the raw section', () => {
    assert.deepEqual(pydockerConfigurationValue('pydocker.server.path', raw), { value: '/opt/pd' });
    assert.deepEqual(pydockerConfigurationValue('pydocker.nothing', raw), { value: null });
  });
  test('other sections are left to the language client', () => {
    assert.equal(pydockerConfigurationValue('editor.tabSize', raw), undefined);
    assert.equal(pydockerConfigurationValue('pydockerx', raw), undefined);
    assert.equal(pydockerConfigurationValue(undefined, raw), undefined);
  });
});
