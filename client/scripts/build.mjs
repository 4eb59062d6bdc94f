// Bundles the extension with esbuild into dist/extension.js (one file; `vscode` stays external), or the unit tests
// into client/out/test (they import only the modules without `vscode`).
//   node client/scripts/build.mjs [--production] [--watch] [--tests]
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  absWorkingDir: root,
};

if (args.has('--tests')) {
  const testDir = join(root, 'client', 'test');
  const entryPoints = readdirSync(testDir).filter(f => f.endsWith('.test.ts')).map(f => join(testDir, f));
  await esbuild.build({ ...common, entryPoints, outdir: join(root, 'client', 'out', 'test'), sourcemap: 'inline', external: ['vscode'] });
} else {
  const options = {
    ...common,
    entryPoints: [join(root, 'client', 'src', 'extension.ts')],
    outfile: join(root, 'dist', 'extension.js'),
    external: ['vscode'],
    // Readable stack traces in bug reports matter more than a few hundred kB in a .vsix that carries a .NET server.
    minify: false,
    keepNames: true,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    metafile: true,
  };
  if (args.has('--watch')) {
    const context = await esbuild.context(options);
    await context.watch();
    console.log('esbuild: watching client/src');
  } else {
    if (production) rmSync(join(root, 'dist', 'extension.js.map'), { force: true });
    const result = await esbuild.build(options);
    const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
    console.log(`esbuild: dist/extension.js (${(bytes / 1024).toFixed(0)} kB${production ? ', production' : ''})`);
  }
}
