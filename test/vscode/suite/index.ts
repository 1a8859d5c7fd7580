// Entry point VS Code loads through `--extensionTestsPath`: runs every bundled
// `*.test.js` next to this file with mocha's TDD interface (suite/test).
// Mocha is bundled into this file (mocha 12 is an ES module package, and the
// extension host's Node may not be able to require() ES modules).

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: true, timeout: 60_000 });
  const files = readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
  if (files.length === 0) return Promise.reject(new Error(`No *.test.js files in ${__dirname}`));
  for (const name of files) mocha.addFile(join(__dirname, name));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} VS Code test(s) failed.`)) : resolve()));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
