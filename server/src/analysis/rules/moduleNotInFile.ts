// mod/module-not-in-file: LoadModule looks its first word up as a symbol of
// the shared object it opens (dlsym), so `apache2 -t` fails at the line when
// the file is another module's: "Can't locate API module structure
// `mod_rewrite' in file …/mod_rewrite.so: …: undefined symbol: mod_rewrite".
// The files of Apache's own modules are judged by name (their one symbol is
// known), any other file by the names its ELF symbol table exports; a missing
// or empty file is mod/load-file-missing's, as dlopen fails first.
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
  summary: '`LoadModule NAME FILE` where FILE does not export NAME (`LoadModule mod_rewrite …/mod_rewrite.so`, or a third-party module under the wrong name): `apache2 -t` fails at that line.',
});

function* compute(model: ConfigModel, disk: CertificateReader): Iterable<LocatedFinding> {
  for (const line of linesNamed(proxyModel(model), 'loadmodule')) {
    const [identifier, written] = line.item.args;
    if (identifier === undefined || written === undefined || judgedPath(model, written) === undefined) continue;
    const path = openedPath(model, line, written);
    if (path === undefined) continue;
    const stat = disk.stat(path);
    if (!stat?.isFile || stat.size === 0) continue;
    const owner = defaultModuleIndex().byFile(basename(path));
    const explanation = owner ? ownModuleExplanation(identifier, written, path, owner) : otherFileExplanation(identifier, written, path, disk);
    if (!explanation) continue;
    yield onPath(line, {
      message:
        `${explanation.what} Apache refuses the configuration at this line ` +
        `("Can't locate API module structure \`${identifier}' in file ${path}: ${path}: undefined symbol: ${identifier}"), even with apache2 -t. ` +
        explanation.advice,
      ...(explanation.replacement ? { data: { replacement: explanation.replacement } } : {}),
    });
  }
}

interface Explanation {
  what: string;
  advice: string;
  /** The one name the file exports, for the quick fix that writes it. */
  replacement?: string;
}

/** The file of one of Apache's modules, whose one symbol the index knows. */
function ownModuleExplanation(identifier: string, written: string, path: string, owner: ModuleFact): Explanation | undefined {
  if (owner.identifier === identifier) return undefined;
  const own = defaultModuleIndex().byIdentifier(identifier)?.file;
  return {
    what: `${basename(path)} is the file of ${owner.identifier} (${owner.sourceName}), which has no ${identifier}.`,
    advice: own
      ? `To load ${identifier}, name its file, ${posix.join(posix.dirname(written), own)}; to load this one, write LoadModule ${owner.identifier}.`
      : `Write LoadModule ${owner.identifier} ${written}, or name the file of ${identifier}.`,
    replacement: owner.identifier,
  };
}

/**
 * Any other file (a third-party module): judged from the names it exports.
 * dlsym also searches the libraries the file links against, which this does
 * not read; none of those exports a name ending in `_module`, Apache's
 * convention, so only such names are judged.
 */
function otherFileExplanation(identifier: string, written: string, path: string, disk: CertificateReader): Explanation | undefined {
  if (!identifier.endsWith('_module')) return undefined;
  const symbols = disk.sharedObject(path)?.exports;
  if (!symbols || symbols.has(identifier)) return undefined;
  const modules = [...symbols].filter((name) => name.endsWith('_module'));
  if (modules.length === 0) {
    return { what: `${basename(path)} exports no ${identifier}, and no other name ending in _module: it does not look like an Apache module.`, advice: `Name the file of ${identifier}.` };
  }
  const listed = modules.length === 1 ? modules[0] : `${modules.slice(0, -1).join(', ')} and ${modules[modules.length - 1]}`;
  return {
    what: `${basename(path)} exports ${listed}, not ${identifier}.`,
    advice: modules.length === 1 ? `Write LoadModule ${modules[0]} ${written}, or name the file of ${identifier}.` : `Write one of those names, or name the file of ${identifier}.`,
    ...(modules.length === 1 ? { replacement: modules[0] } : {}),
  };
}
