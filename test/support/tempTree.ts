// A tree of files under a fresh temporary folder, for tests that need real
// files on disk (Apache, the CLI, the server over stdio).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes `files` (paths relative to the new folder, folders made as needed); returns the folder. */
export function writeTree(files: Record<string, string | Buffer>, prefix = 'apache-ssl-tree-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
