// mod/module-not-in-file: LoadModule looks its first word up as a symbol of
// the shared object it opens (dlsym), so `apache2 -t` fails at the line when
// the file is another module's: "Can't locate API module structure
// `mod_rewrite' in file …/mod_rewrite.so: …: undefined symbol: mod_rewrite".
// Judged for the files of Apache's own modules, whose one symbol is known;
// a missing or empty file is mod/load-file-missing's, as dlopen fails first.
import { basename, posix } from 'node:path';
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { defaultModuleIndex, type ModuleFact } from '../../knowledge/moduleIndex';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel } from '../proxyHosts';
import { onPath } from '../serverCertificates';
import { judgedPath } from '../judgedPath';
import type { Rule } from '../types';
import { openedPath } from './loadFileMissing';

export const moduleNotInFile: Rule = modelRule(compute, {
  id: 'mod/module-not-in-file',
  severity: 'error',
  readsCertificates: true,
  judgesThisMachine: true,
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_so.html#loadmodule',
  summary: '`LoadModule NAME FILE` where FILE is another Apache module\'s (`LoadModule mod_rewrite …/mod_rewrite.so`): Apache finds no NAME in it and `apache2 -t` fails at that line.',
});

function* compute(model: ConfigModel, disk: CertificateReader): Iterable<LocatedFinding> {
  for (const line of linesNamed(proxyModel(model), 'loadmodule')) {
    const [identifier, written] = line.item.args;
    if (identifier === undefined || written === undefined || judgedPath(model, written) === undefined) continue;
    const path = openedPath(model, line, written);
    const owner = path === undefined ? undefined : defaultModuleIndex().byFile(basename(path));
    if (path === undefined || !owner || owner.identifier === identifier) continue;
    const stat = disk.stat(path);
    if (!stat?.isFile || stat.size === 0) continue;
    yield onPath(line, {
      message:
        `${basename(path)} is the file of ${owner.identifier} (${owner.sourceName}), which has no ${identifier}. Apache refuses the configuration at this line ` +
        `("Can't locate API module structure \`${identifier}' in file ${path}: ${path}: undefined symbol: ${identifier}"), even with apache2 -t. ` +
        advice(identifier, written, owner),
    });
  }
}

function advice(identifier: string, written: string, owner: ModuleFact): string {
  const own = defaultModuleIndex().byIdentifier(identifier)?.file;
  if (!own) return `Write LoadModule ${owner.identifier} ${written}, or name the file of ${identifier}.`;
  return `To load ${identifier}, name its file, ${posix.join(posix.dirname(written), own)}; to load this one, write LoadModule ${owner.identifier}.`;
}
