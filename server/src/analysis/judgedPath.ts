// Where a path a line names is on disk, as Apache resolves it against
// ServerRoot, when we can tell: not for a relative path while ServerRoot is
// only a guess (a file checked on its own), and not for a path that still
// holds a ${VAR} the main configuration may define.
import { posix } from 'node:path';
import type { ConfigModel } from '../config/buildConfigModel';
import { serverRootRelative } from '../config/expandInclude';
import type { CertificateReader } from './certs/certificateReader';

export function judgedPath(model: ConfigModel, written: string): string | undefined {
  if (written === '') return undefined;
  if (!model.definesKnown && written.includes('${')) return undefined;
  if (!posix.isAbsolute(written) && !model.serverRootKnown) return undefined;
  return serverRootRelative(model.serverRoot, written);
}

/** Why nothing Apache can use as a folder is at `path` (stat'ed as written, as Apache does), or undefined when a folder is there. */
export function notAFolder(disk: CertificateReader, path: string): string | undefined {
  const stat = disk.stat(path);
  if (stat?.isDirectory) return undefined;
  return !stat ? 'does not exist' : 'is not a folder';
}

/** The folder Apache looks for before it opens a log (ap_make_dirstr_parent): everything up to the last slash. */
export function parentFolder(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/**
 * Whether the configuration looks written for this machine: false when it
 * loads modules and not one of their files is here, as on a CI runner without
 * Apache, where every LoadModule and log folder would otherwise be an error.
 */
export function writtenForThisMachine(model: ConfigModel, disk: CertificateReader): boolean {
  let loads = 0;
  for (const load of model.loadedModules.values()) {
    const written = load.node.args[1]?.value;
    if (written === undefined || judgedPath(model, written) === undefined) continue;
    loads++;
    const stat = disk.stat(load.file);
    if (stat && !stat.isDirectory) return true;
  }
  return loads === 0;
}
