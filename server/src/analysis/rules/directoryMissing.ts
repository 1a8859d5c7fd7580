// core/directory-missing: folders of the running server that Apache looks for
// while it reads the line (relative to ServerRoot), so `apache2 -t` fails
// there when one is missing or no folder:
// - CoreDumpDirectory: "CoreDumpDirectory /x does not exist" ("… is not a directory");
// - Mutex MECHANISM:FOLDER, for every mechanism but none: "Invalid Mutex
//   directory in argument file:/x";
// - DefaultRuntimeDir, read early (EXEC_ON_READ) and so anywhere it stands:
//   "DefaultRuntimeDir must be a valid directory, absolute or relative to ServerRoot".
// Debian's apache2ctl makes the folders ${APACHE_RUN_DIR} and ${APACHE_LOCK_DIR}
// name before it starts Apache (they live in /run, emptied at boot), so a line
// that names one of them as written is not judged.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel, type Placed } from '../proxyHosts';
import { onPath } from '../serverCertificates';
import { judgedPath, notAFolder } from '../judgedPath';
import type { Rule } from '../types';

export const directoryMissing: Rule = modelRule(compute, {
  id: 'core/directory-missing',
  severity: 'error',
  readsCertificates: true,
  judgesThisMachine: true,
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/core.html#mutex',
  summary: 'The folder a `CoreDumpDirectory`, `Mutex` or `DefaultRuntimeDir` line names does not exist or is no folder: `apache2 -t` fails at that line.',
});

/** The mechanisms whose `:FOLDER` Apache looks for (ap_parse_mutex); `none`/`no` and unknown ones are refused for other reasons. */
const MUTEX_MECHANISMS = new Set(['default', 'yes', 'fcntl', 'file', 'flock', 'posixsem', 'sem', 'sysvsem', 'pthread']);

const ADVICE = 'Create the folder or correct the path.';

function* compute(model: ConfigModel, disk: CertificateReader): Iterable<LocatedFinding> {
  for (const line of linesNamed(proxyModel(model), 'coredumpdirectory', 'mutex', 'defaultruntimedir')) {
    const word = line.item.args[0];
    if (word === undefined) continue;
    const written = line.item.node.args[0]?.value ?? '';
    if (line.name === 'defaultruntimedir') {
      if (madeByApache2ctl(written)) continue;
      const path = judgedPath(model, word);
      const problem = path === undefined ? undefined : notAFolder(disk, path);
      if (problem) yield refused(line, `${path} ${problem}`, 'DefaultRuntimeDir must be a valid directory, absolute or relative to ServerRoot');
      continue;
    }
    // Both are refused in a <VirtualHost> or a <Directory> before Apache looks.
    if (line.host.virtualHost || line.within.length > 0) continue;
    if (line.name === 'coredumpdirectory') {
      if (madeByApache2ctl(written)) continue;
      const path = judgedPath(model, word);
      const problem = path === undefined ? undefined : notAFolder(disk, path);
      if (problem) yield refused(line, `${path} ${problem}`, `CoreDumpDirectory ${path} ${problem === 'does not exist' ? problem : 'is not a directory'}`);
      continue;
    }
    const colon = word.indexOf(':');
    if (colon < 0 || colon === word.length - 1 || !MUTEX_MECHANISMS.has(word.slice(0, colon).toLowerCase())) continue;
    if (madeByApache2ctl(written.slice(written.indexOf(':') + 1))) continue;
    const path = judgedPath(model, word.slice(colon + 1));
    const problem = path === undefined ? undefined : notAFolder(disk, path);
    if (problem) yield refused(line, `The mutex's folder ${path} ${problem}`, `Invalid Mutex directory in argument ${word}`);
  }
}

/** `${APACHE_RUN_DIR}` or `${APACHE_LOCK_DIR}` as written, which apache2ctl creates (mkdir -p) before it runs Apache. */
function madeByApache2ctl(written: string): boolean {
  return /^\$\{APACHE_(RUN|LOCK)_DIR\}\/?$/.test(written);
}

function refused(line: Placed, what: string, apache: string): LocatedFinding {
  return onPath(line, { message: `${what}. Apache refuses the configuration at this line ("${apache}"), even with apache2 -t. ${ADVICE}` });
}
