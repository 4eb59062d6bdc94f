// Where the server comes from: the user's setting, the bundled self-contained executable, the bundled
// framework-dependent build with `dotnet`, or a problem that says what to do.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ServerLookup, describeProblem, findDotnet, resolveServer, summarizeProblem, vsceTarget } from '../src/serverLocation';

const EXT = '/ext/pydocker-lsp';
const LINUX_EXE = `${EXT}/server-dist/linux-x64/pydocker`;
const PORTABLE_DLL = `${EXT}/server-dist/any/pydocker.dll`;

function linux(files: string[], overrides: Partial<ServerLookup> = {}): ServerLookup {
  const existing = new Set(files);
  return {
    configuredPath: '',
    extensionPath: EXT,
    platform: 'linux',
    arch: 'x64',
    musl: false,
    homeDir: '/home/ada',
    workspaceFolder: '/work/project',
    env: { PATH: '/usr/local/bin:/usr/bin' },
    isFile: f => existing.has(f),
    ...overrides,
  };
}

describe('resolveServer', () => {
  const cases: Array<{ name: string; lookup: ServerLookup; command: string; args: string[]; source: string }> = [
    {
      name: 'the setting wins over a bundled server',
      lookup: linux(['/opt/pydocker/pydocker', LINUX_EXE], { configuredPath: '/opt/pydocker/pydocker' }),
      command: '/opt/pydocker/pydocker', args: ['lsp'], source: 'setting',
    },
    {
      name: 'a configured .dll runs with dotnet from the PATH',
      lookup: linux(['/opt/pd/pydocker.dll', '/usr/bin/dotnet'], { configuredPath: '/opt/pd/pydocker.dll' }),
      command: '/usr/bin/dotnet', args: ['/opt/pd/pydocker.dll', 'lsp'], source: 'setting',
    },
    {
      name: 'a leading ~ in the setting is the home folder',
      lookup: linux(['/home/ada/bin/pydocker'], { configuredPath: '~/bin/pydocker' }),
      command: '/home/ada/bin/pydocker', args: ['lsp'], source: 'setting',
    },
    {
      name: 'a relative setting is taken from the workspace folder',
      lookup: linux(['/work/project/tools/pydocker'], { configuredPath: ' tools/pydocker ' }),
      command: '/work/project/tools/pydocker', args: ['lsp'], source: 'setting',
    },
    {
      name: 'the self-contained executable of this platform comes before the portable build',
      lookup: linux([LINUX_EXE, PORTABLE_DLL, '/usr/bin/dotnet']),
      command: LINUX_EXE, args: ['lsp'], source: 'bundled',
    },
    {
      name: 'the portable build runs with dotnet when no executable is bundled for this platform',
      lookup: linux([PORTABLE_DLL, '/usr/bin/dotnet']),
      command: '/usr/bin/dotnet', args: [PORTABLE_DLL, 'lsp'], source: 'bundled-dotnet',
    },
    {
      name: 'DOTNET_ROOT is preferred to the PATH',
      lookup: linux([PORTABLE_DLL, '/usr/bin/dotnet', '/opt/dotnet/dotnet'], { env: { PATH: '/usr/bin', DOTNET_ROOT: '/opt/dotnet' } }),
      command: '/opt/dotnet/dotnet', args: [PORTABLE_DLL, 'lsp'], source: 'bundled-dotnet',
    },
    {
      name: 'an executable bundled for another platform is not used',
      lookup: linux([LINUX_EXE, PORTABLE_DLL, '/usr/bin/dotnet'], { arch: 'arm64' }),
      command: '/usr/bin/dotnet', args: [PORTABLE_DLL, 'lsp'], source: 'bundled-dotnet',
    },
    {
      name: 'Alpine uses the alpine target folder, not the glibc one',
      lookup: linux([`${EXT}/server-dist/alpine-x64/pydocker`, LINUX_EXE], { musl: true }),
      command: `${EXT}/server-dist/alpine-x64/pydocker`, args: ['lsp'], source: 'bundled',
    },
    {
      name: 'Windows looks for pydocker.exe and dotnet.exe with Windows paths',
      lookup: {
        ...linux([], { platform: 'win32', extensionPath: 'C:\\ext' }),
        env: { Path: 'C:\\Program Files\\dotnet;C:\\Windows', PATHEXT: '.COM;.EXE' },
        isFile: f => f === 'C:\\ext\\server-dist\\any\\pydocker.dll' || f === 'C:\\Program Files\\dotnet\\dotnet.exe',
      },
      command: 'C:\\Program Files\\dotnet\\dotnet.exe', args: ['C:\\ext\\server-dist\\any\\pydocker.dll', 'lsp'], source: 'bundled-dotnet',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const resolution = resolveServer(c.lookup);
      assert.equal(resolution.kind, 'found', JSON.stringify(resolution));
      if (resolution.kind !== 'found') return;
      assert.deepEqual({ command: resolution.launch.command, args: resolution.launch.args, source: resolution.launch.source },
        { command: c.command, args: c.args, source: c.source });
    });
  }

  const problems: Array<{ name: string; lookup: ServerLookup; problem: string; mentions: RegExp }> = [
    {
      name: 'a configured path that does not exist is an error, not a silent fallback to the bundled server',
      lookup: linux([LINUX_EXE], { configuredPath: '/nowhere/pydocker' }),
      problem: 'configured-path-missing', mentions: /pydocker\.server\.path.*\/nowhere\/pydocker/,
    },
    {
      name: 'a configured .dll without dotnet asks for .NET',
      lookup: linux(['/opt/pd/pydocker.dll'], { configuredPath: '/opt/pd/pydocker.dll' }),
      problem: 'dotnet-missing', mentions: /\.NET runtime/,
    },
    {
      name: 'the portable build without dotnet asks for .NET or the platform-specific extension',
      lookup: linux([PORTABLE_DLL]),
      problem: 'dotnet-missing', mentions: /Install \.NET, or install the PyDocker extension for your platform/,
    },
    {
      name: 'no server at all points at the setting',
      lookup: linux(['/usr/bin/dotnet']),
      problem: 'no-server', mentions: /Set "pydocker\.server\.path"/,
    },
  ];
  for (const c of problems) {
    test(c.name, () => {
      const resolution = resolveServer(c.lookup);
      assert.equal(resolution.kind, 'problem');
      if (resolution.kind !== 'problem') return;
      assert.equal(resolution.problem, c.problem);
      assert.match(describeProblem(resolution), c.mentions);
      assert.ok(resolution.tried.length > 0, 'says where it looked');
      assert.ok(summarizeProblem(resolution.problem).length <= 32, 'fits the status item');
    });
  }
});

describe('vsceTarget names the folder of the bundled server', () => {
  const cases: Array<[NodeJS.Platform, string, boolean, string | undefined]> = [
    ['linux', 'x64', false, 'linux-x64'],
    ['linux', 'arm64', false, 'linux-arm64'],
    ['linux', 'arm', false, 'linux-armhf'],
    ['linux', 'x64', true, 'alpine-x64'],
    ['darwin', 'arm64', false, 'darwin-arm64'],
    ['win32', 'x64', false, 'win32-x64'],
    ['linux', 'ia32', false, undefined],
    ['freebsd', 'x64', false, undefined],
  ];
  for (const [platform, arch, musl, expected] of cases) {
    test(`${platform} ${arch}${musl ? ' musl' : ''} → ${expected ?? 'none'}`, () => {
      assert.equal(vsceTarget(platform, arch, musl), expected);
    });
  }
});

describe('findDotnet', () => {
  test('skips empty and quoted PATH entries correctly', () => {
    const lookup = linux(['/opt/my dotnet/dotnet'], { env: { PATH: ':"/opt/my dotnet":/usr/bin' } });
    assert.equal(findDotnet(lookup), '/opt/my dotnet/dotnet');
  });
  test('is undefined when no PATH entry has dotnet', () => {
    assert.equal(findDotnet(linux(['/usr/bin/node'])), undefined);
  });
});
