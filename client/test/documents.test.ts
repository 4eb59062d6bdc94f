// Which files the server sees (document selector) and hears about (file watcher), and the status per state.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { MANIFEST_PATTERNS, ServerState, WATCHED_GLOB, describeState } from '../src/documents';

// path.matchesGlob is experimental in node 20/22; VS Code's glob semantics agree with it for these patterns.
const matchesGlob = (path as unknown as { matchesGlob?: (p: string, g: string) => boolean }).matchesGlob;

describe('manifest patterns of the document selector', { skip: matchesGlob ? false : 'path.matchesGlob needs node >= 20.17' }, () => {
  const selected = (file: string) => MANIFEST_PATTERNS.some(p => matchesGlob!(file, p));
  const included = [
    '/w/requirements.txt', '/w/sub/requirements-dev.txt', '/w/dev-requirements.txt', '/w/requirements/base.txt',
    '/w/constraints.txt', '/w/requirements.in', '/w/requirements/prod.in', '/w/pyproject.toml', '/w/api/uv.lock',
    '/w/poetry.lock', '/w/Pipfile', '/w/Pipfile.lock', '/w/.dockerignore', '/w/Dockerfile.dockerignore', '/w/.python-version',
  ];
  const excluded = ['/w/Makefile.in', '/w/config.h.in', '/w/notes.txt', '/w/package.json', '/w/Cargo.lock', '/w/setup.cfg'];
  for (const file of included) test(`selects ${file}`, () => assert.ok(selected(file)));
  for (const file of excluded) test(`leaves out ${file}`, () => assert.ok(!selected(file)));
});

describe('file watcher glob', { skip: matchesGlob ? false : 'path.matchesGlob needs node >= 20.17' }, () => {
  const watched = ['/w/pyproject.toml', '/w/a/b/uv.lock', '/w/requirements-dev.txt', '/w/.python-version', '/w/Dockerfile', '/w/api.dockerfile', '/w/pip.conf'];
  for (const file of watched) test(`watches ${file}`, () => assert.ok(matchesGlob!(file, WATCHED_GLOB)));
  test('does not watch source files', () => assert.ok(!matchesGlob!('/w/app/main.py', WATCHED_GLOB)));
});

describe('describeState', () => {
  const cases: Array<[ServerState, RegExp, string, boolean]> = [
    ['idle', /^PyDocker$/, 'pydocker.showOutput', false],
    ['starting', /starting/, 'pydocker.showOutput', true],
    ['running', /^PyDocker$/, 'pydocker.restartServer', false],
    ['stopped', /stopped/, 'pydocker.restartServer', false],
    ['error', /error/, 'pydocker.showOutput', false],
    ['disabled', /off/, 'workbench.action.openSettings', false],
  ];
  for (const [state, text, command, busy] of cases) {
    test(`${state}: "${text.source}", offers ${command}`, () => {
      const view = describeState(state, 'pydocker 0.1.0', 'boom');
      assert.match(view.text, text);
      assert.equal(view.action.command, command);
      assert.equal(view.busy, busy);
    });
  }
  test('running names the server, error explains itself', () => {
    assert.equal(describeState('running', 'pydocker 0.1.0').detail, 'running pydocker 0.1.0');
    assert.equal(describeState('error', undefined, 'dotnet is missing').detail, 'dotnet is missing');
    assert.equal(describeState('error', undefined).severity, 'error');
  });
});
