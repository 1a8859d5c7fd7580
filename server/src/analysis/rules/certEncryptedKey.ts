// cert/encrypted-key: a server private key protected by a pass phrase. mod_ssl
// asks for the phrase at every start and restart through SSLPassPhraseDialog:
// `builtin` (the default) prompts on the terminal, which a service manager
// such as systemd does not have, so the start hangs or fails; `exec:` (or a
// `|program`) runs a program that prints it. Without a terminal the start
// fails: "AH02578: Init: Unable to read pass phrase", "AH02564: Failed to
// configure encrypted (?) private key …"; a wrong phrase from a program gives
// "AH02580: Init: Pass phrase incorrect for key …" (both verified on 2.4.71). Information only: it works where someone types the phrase.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { hostCertificates } from '../certs/hostCertificates';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { ownLines, proxyModel, wordRange } from '../proxyHosts';
import type { Rule } from '../types';

export const certEncryptedKey: Rule = modelRule(compute, {
  id: 'cert/encrypted-key',
  severity: 'information',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslpassphrasedialog',
  summary: 'The server\'s private key is encrypted and no `SSLPassPhraseDialog exec:` program supplies the pass phrase: Apache asks on the terminal at every start.',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  // SSLPassPhraseDialog is a server-config directive: one dialog for every key.
  const dialog = ownLines(proxyModel(model).server, 'sslpassphrasedialog').at(-1)?.item.args[0] ?? 'builtin';
  if (/^(?:exec:|\|)/i.test(dialog)) return;
  for (const host of hostCertificates(model)) {
    if (!host.tls) continue;
    for (const pair of host.pairs) {
      const line = pair.key ?? pair.certificate;
      const path = pair.key ? pair.keyPath : pair.certificatePath;
      if (!path) continue;
      const read = certificates.read(path);
      if (!('contents' in read)) continue;
      const encrypted = read.contents.keys.find((key) => key.encrypted);
      if (!encrypted) continue;
      yield {
        path: line.item.path,
        finding: {
          range: wordRange(line, 0),
          message:
            `The private key in ${path} is encrypted (PEM "${encrypted.label}"), and SSLPassPhraseDialog is ${dialog === 'builtin' ? 'builtin (the default)' : dialog}: ` +
            'Apache asks for the pass phrase on the terminal at every start and restart. Started as a service (systemd, no terminal), it waits or fails, ' +
            'with "AH02578: Init: Unable to read pass phrase" and "AH02564: Failed to configure encrypted (?) private key" in the log. ' +
            'Use `SSLPassPhraseDialog exec:/path/to/program` that prints the phrase, or store the key unencrypted with tight file permissions.',
        },
      };
    }
  }
}
