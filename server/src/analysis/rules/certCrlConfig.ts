// cert/crl-config: how mod_ssl sets up CRL checking at start-up
// (ssl_init_ctx_crl), for the client side of a TLS host and for the proxy
// side of a host with SSLProxyEngine on (directives prefixed SSLProxy):
// - SSLCARevocationCheck leaf or chain without SSLCARevocationFile/Path:
//   "AH01899: … CRL checking has been enabled, but neither … is configured",
//   fatal.
// - a revocation file or folder with the check absent or none: the CRLs are
//   loaded and never consulted, "AH01902: … CRL checking
//   (SSLCARevocationCheck) is not enabled", a warning.
// - a revocation file OpenSSL finds no PEM CRL or certificate in: "AH01901:
//   … unable to configure X.509 CRL storage", fatal.
// All verified on 2.4.71, both sides. A bad SSLCARevocationCheck word is
// args/invalid-value's (apache2 -t refuses it).
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { wordRange } from '../proxyHosts';
import type { Rule } from '../types';
import { trustSides, type SideSettings } from '../trustSides';

export const certCrlConfig: Rule = modelRule(compute, {
  id: 'cert/crl-config',
  severity: 'error',
  readsCertificates: true,
  refusedBy: 'startup',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcarevocationcheck',
  summary: 'CRL checking switched on without CRLs (Apache refuses to start, AH01899), CRLs configured but never checked (AH01902), or a revocation file with no CRL (AH01901).',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const side of trustSides(model)) {
    yield* checkMode(side);
    yield* unusableFile(side, certificates);
  }
}

function* checkMode(side: SideSettings): Iterable<LocatedFinding> {
  const check = side.setting('CARevocationCheck');
  const mode = check?.line.item.args[0]?.toLowerCase() ?? 'none';
  const stores = [side.setting('CARevocationFile'), side.setting('CARevocationPath')].flatMap((found) => (found ? [found] : []));
  const checkName = side.directive('CARevocationCheck');
  if (check && stores.length === 0 && (mode === 'leaf' || mode === 'chain')) {
    yield {
      path: check.line.item.path,
      finding: {
        range: wordRange(check.line, 0),
        message:
          `${checkName} ${mode} asks for CRL checks, but neither ${side.directive('CARevocationFile')} nor ${side.directive('CARevocationPath')} is set for this host: ` +
          'Apache refuses to start ("AH01899: … CRL checking has been enabled, but neither … is configured", then AH02312), and `apache2 -t` says Syntax OK. ' +
          `Add ${side.directive('CARevocationFile')} with the CAs' CRLs, or set ${checkName} none.`,
      },
    };
  }
  if (mode !== 'none') return;
  for (const store of stores) {
    yield {
      path: store.line.item.path,
      finding: {
        range: wordRange(store.line, 0),
        severity: 'warning',
        message:
          `CRLs are configured here, but ${checkName} is ${check ? 'none' : 'not set (default none)'}, so they are loaded and never consulted: a revoked certificate is still accepted. ` +
          `Apache warns at start-up: "AH01902: … X.509 CRL storage locations configured, but CRL checking (${checkName}) is not enabled". ` +
          `Add \`${checkName} chain\` (or leaf), or remove this line.`,
      },
    };
  }
}

function* unusableFile(side: SideSettings, certificates: CertificateReader): Iterable<LocatedFinding> {
  const file = side.setting('CARevocationFile');
  if (!file?.path) return;
  const read = certificates.read(file.path);
  if (!('contents' in read)) return;
  const { format, crls, certificates: held } = read.contents;
  if (format === 'pem' && (crls > 0 || held.length > 0)) return;
  yield {
    path: file.line.item.path,
    finding: {
      range: wordRange(file.line, 0),
      message:
        `${file.path} holds no PEM CRL${format === 'der' && held.length > 0 ? ' (it holds a binary DER certificate, and OpenSSL reads this file as PEM only)' : ''}: ` +
        'Apache refuses to start ("AH01901: … unable to configure X.509 CRL storage for certificate revocation", then AH02312), and `apache2 -t` says Syntax OK. ' +
        'Put the CAs\' CRLs in it in PEM form (`openssl crl -inform der -outform pem` converts one).',
    },
  };
}
