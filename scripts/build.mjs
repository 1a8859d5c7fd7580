// Bundles the three entry points with esbuild. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['vscode'],
  logLevel: 'warning',
  define: { APACHE_SSL_VERSION: JSON.stringify(version) },
};

const builds = [
  { ...common, entryPoints: { client: 'client/src/extension.ts', server: 'server/src/lsp/main.ts' } },
  // The CLI is run directly (`apache-ssl` through package.json `bin`), so it needs a shebang.
  { ...common, entryPoints: { cli: 'server/src/cli/main.ts' }, banner: { js: '#!/usr/bin/env node' } },
];

if (process.argv.includes('--watch')) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
