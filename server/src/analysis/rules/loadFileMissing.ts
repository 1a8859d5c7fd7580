// mod/load-file-missing: LoadModule and LoadFile open their shared object
// while Apache reads the line, so `apache2 -t` fails there when it is not a
// file: "Cannot load modules/mod_policy.so into server: … cannot open shared
// object file: No such file or directory" ("cannot read file data: Is a
// directory", "file too short" for an empty one). A LoadModule of a module
// already loaded is skipped without opening anything (AH01574). A bare name
// without a slash is also looked for on the system's library path, as
// `LoadFile libxml2.so.2` is, so only paths with a slash are judged.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { defaultModuleIndex } from '../../knowledge/moduleIndex';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel, type Placed } from '../proxyHosts';
import { onPath } from '../serverCertificates';
import { judgedPath } from '../judgedPath';
import type { Rule } from '../types';

export const loadFileMissing: Rule = modelRule(compute, {
  id: 'mod/load-file-missing',
  severity: 'error',
  readsCertificates: true,
  judgesThisMachine: true,
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_so.html#loadmodule',
  summary: 'The shared object a `LoadModule` or `LoadFile` line names does not exist, is a folder or is empty: `apache2 -t` fails at that line.',
});

function* compute(model: ConfigModel, disk: CertificateReader): Iterable<LocatedFinding> {
  for (const line of linesNamed(proxyModel(model), 'loadmodule', 'loadfile')) {
    const index = line.name === 'loadmodule' ? 1 : 0;
    const written = line.item.args[index];
    if (written === undefined || !written.includes('/') || judgedPath(model, written) === undefined) continue;
    const path = openedPath(model, line, written);
    if (path === undefined) continue;
    const stat = disk.stat(path);
    const problem = !stat
      ? { ours: 'does not exist', apache: 'cannot open shared object file: No such file or directory' }
      : stat.isDirectory
        ? { ours: 'is a folder', apache: 'cannot read file data: Is a directory' }
        : stat.size === 0
          ? { ours: 'is empty', apache: 'file too short' }
          : undefined;
    if (!problem) continue;
    yield onPath(
      line,
      {
        message:
          `${path} ${problem.ours}. Apache refuses the configuration at this line ("Cannot load ${written} into server: ${path}: ${problem.apache}"), even with apache2 -t. ` +
          'Correct the path, or install the package that provides the module.',
      },
      index,
    );
  }
}

/**
 * The file Apache opens for the line, if it opens one: a LoadModule only for
 * the first load of a module that is not built in, resolved against ServerRoot
 * as it stood at that line (the model kept it).
 */
export function openedPath(model: ConfigModel, line: Placed, written: string): string | undefined {
  if (line.name !== 'loadmodule') return judgedPath(model, written);
  const identifier = line.item.args[0];
  const load = model.loadedModules.get(identifier);
  if (load?.node !== line.item.node || defaultModuleIndex().byIdentifier(identifier)?.compiledIn) return undefined;
  return load.file;
}
