// Runs the VS Code integration suite (test/vscode/suite) in a downloaded VS Code
// (`npm run test:vscode`, which builds dist/ first). Needs internet access to
// download VS Code into .vscode-test/ the first time.
//
// Environment:
//   VSCODE_TEST_VERSION  VS Code version to test against ('stable' by default;
//                        e.g. 1.91.0 for the oldest supported by engines.vscode)
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const suiteDir = join(root, 'test', 'vscode', 'suite');
const outdir = join(root, 'dist-test', 'vscode');
const workspace = join(root, 'test', 'vscode', 'workspace');

for (const bundle of ['dist/client.js', 'dist/server.js']) {
  if (!existsSync(join(root, bundle))) {
    console.error(`${bundle} is missing: run \`npm run build\` first (or use \`npm run test:vscode\`).`);
    process.exit(1);
  }
}

// Each suite file becomes its own CommonJS bundle; `vscode` is provided by the
// extension host. Mocha is bundled in (see suite/index.ts).
rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: readdirSync(suiteDir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(suiteDir, name)),
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['vscode'],
  logLevel: 'warning',
  // Mocha's parallel mode (unused here) resolves worker files at run time.
  logOverride: { 'require-resolve-not-external': 'silent' },
});

try {
  await runTests({
    ...(process.env.VSCODE_TEST_VERSION ? { version: process.env.VSCODE_TEST_VERSION } : {}),
    extensionDevelopmentPath: root,
    extensionTestsPath: join(outdir, 'index.js'),
    // The workspace folder first, then: no other installed extension may
    // claim .conf files or interfere (built-in ones stay enabled).
    launchArgs: [workspace, '--disable-extensions'],
  });
} catch (error) {
  console.error(`VS Code tests failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
