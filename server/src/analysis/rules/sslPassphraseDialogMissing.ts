// ssl/passphrase-dialog-missing: mod_ssl checks the program of
// `SSLPassPhraseDialog exec:PATH` while it reads the line (relative to
// ServerRoot); when nothing is there `apache2 -t` fails with
// "SSLPassPhraseDialog: file '/x' does not exist". Only existence is checked
// then (a folder or a file that is not executable passes), and `builtin` and
// `|program` name nothing to check. Typical: a Red Hat ssl.conf, whose
// exec:/usr/libexec/httpd-ssl-pass-dialog exists only there.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel } from '../proxyHosts';
import { onPath } from '../serverCertificates';
import { judgedPath } from '../judgedPath';
import type { Rule } from '../types';

export const sslPassphraseDialogMissing: Rule = modelRule(compute, {
  id: 'ssl/passphrase-dialog-missing',
  severity: 'error',
  readsCertificates: true,
  judgesThisMachine: true,
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslpassphrasedialog',
  summary: 'The program `SSLPassPhraseDialog exec:` names does not exist: `apache2 -t` fails at that line.',
});

const EXEC = 'exec:';

function* compute(model: ConfigModel, disk: CertificateReader): Iterable<LocatedFinding> {
  for (const line of linesNamed(proxyModel(model), 'sslpassphrasedialog')) {
    const word = line.item.args[0];
    // mod_ssl compares the prefix with case; `EXEC:` and an empty program are another refusal ("Invalid argument").
    if (!word?.startsWith(EXEC) || word.length === EXEC.length) continue;
    const path = judgedPath(model, word.slice(EXEC.length));
    if (path === undefined || disk.stat(path)) continue;
    yield onPath(line, {
      message:
        `Nothing is at ${path}, the program that should print the private keys' pass phrase. Apache refuses the configuration at this line ` +
        `("SSLPassPhraseDialog: file '${path}' does not exist"), even with apache2 -t. Correct the path, or use \`SSLPassPhraseDialog builtin\` when the keys are not encrypted.`,
    });
  }
}
