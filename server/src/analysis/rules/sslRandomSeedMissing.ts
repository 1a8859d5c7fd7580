// ssl/random-seed-missing: mod_ssl checks the source of `SSLRandomSeed
// startup|connect SOURCE` while it reads the line (relative to ServerRoot);
// when nothing is there `apache2 -t` fails with "SSLRandomSeed: source path
// '/x' does not exist". Only existence is checked then (a folder passes).
// `file:PATH`, `exec:PATH` and a bare PATH name a path; `builtin` and `egd:`
// (refused for another reason by today's OpenSSL) do not.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel } from '../proxyHosts';
import { onPath } from '../serverCertificates';
import { judgedPath } from '../judgedPath';
import type { Rule } from '../types';

export const sslRandomSeedMissing: Rule = modelRule(compute, {
  id: 'ssl/random-seed-missing',
  severity: 'error',
  readsCertificates: true,
  judgesThisMachine: true,
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslrandomseed',
  summary: 'The file or program an `SSLRandomSeed` line names does not exist: `apache2 -t` fails at that line.',
});

const CONTEXTS = new Set(['startup', 'connect']);

function* compute(model: ConfigModel, disk: CertificateReader): Iterable<LocatedFinding> {
  for (const line of linesNamed(proxyModel(model), 'sslrandomseed')) {
    const [context, source] = line.item.args;
    // Outside the main server, or with another first word, Apache refuses the line before it looks.
    if (source === undefined || !CONTEXTS.has(context.toLowerCase()) || line.host.virtualHost || line.within.length > 0) continue;
    const written = sourcePath(source);
    const path = written === undefined ? undefined : judgedPath(model, written);
    if (path === undefined || disk.stat(path)) continue;
    yield onPath(
      line,
      {
        message:
          `Nothing is at ${path}, the entropy source this line names. Apache refuses the configuration at this line ` +
          `("SSLRandomSeed: source path '${path}' does not exist"), even with apache2 -t. Correct the path, or use \`builtin\` (OpenSSL seeds itself).`,
      },
      1,
    );
  }
}

/** The path a source names, as mod_ssl splits it: the prefixes compare with case and need something after them. */
function sourcePath(source: string): string | undefined {
  if (source.length > 5 && (source.startsWith('file:') || source.startsWith('exec:'))) return source.slice(5);
  if ((source.length > 4 && source.startsWith('egd:')) || source.toLowerCase() === 'builtin') return undefined;
  return source;
}
