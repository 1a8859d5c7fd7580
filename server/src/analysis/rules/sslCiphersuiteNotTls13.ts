import type { CipherSuite } from '../expandCipherString';
import { cipherListOf, compareVersions, hostPlaceOf, inForce, protocolsInForce, tls13SuiteWords } from '../tlsSettings';
import type { Rule } from '../types';
import { forEachCipherLine } from './sslWeakCipher';

/** OpenSSL's TLS 1.3 suites by default, with the encryption `openssl ciphers -v` names for each. */
const TLS13_DEFAULT: readonly { name: string; enc: string }[] = [
  { name: 'TLS_AES_256_GCM_SHA384', enc: 'AESGCM(256)' },
  { name: 'TLS_CHACHA20_POLY1305_SHA256', enc: 'CHACHA20/POLY1305(256)' },
  { name: 'TLS_AES_128_GCM_SHA256', enc: 'AESGCM(128)' },
];

export const sslCiphersuiteNotTls13: Rule = {
  id: 'ssl/ciphersuite-not-tls13',
  severity: 'information',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslciphersuite',
  summary: 'An `SSLCipherSuite` string looks meant to restrict TLS 1.3, but only `SSLCipherSuite TLSv1.3 …` does that.',
  check(context) {
    const { scope, settings, report } = context;
    // `SSLCipherSuite TLSv1.3 …` exists since 2.4.36: before, there is nothing to suggest.
    if (compareVersions(settings.httpdVersion, '2.4.36') < 0) return;
    forEachCipherLine(context, (line, expand) => {
      const { node } = line;
      if (line.proxy || line.list !== 'SSL' || hostPlaceOf(node, scope.enclosing).perDirectory) return;
      if (!protocolsInForce(scope, node).protocols.has('TLSv1.3')) return;
      if (inForce(scope, node, 'sslciphersuite', (item) => cipherListOf(item.args) === 'TLSv1.3')) return;
      const named = tls13SuiteWords(line.spec.value);
      let reason: string | undefined;
      if (named.length > 0) {
        reason = `it names ${named.join(', ')}, which this list ignores`;
      } else {
        const expansion = expand();
        if (expansion.kind !== 'suites' || expansion.suites.length === 0) return;
        const left = TLS13_DEFAULT.filter((suite) => !expansion.suites.some((allowed: CipherSuite) => allowed.enc === suite.enc));
        if (left.length === 0) return;
        reason = `it leaves out the encryption of ${left.map((suite) => suite.name).join(', ')}, which TLS 1.3 clients still get`;
      }
      report({
        range: line.spec.range,
        message:
          `This string governs TLS 1.2 and older only, yet ${reason}. TLS 1.3 suites are chosen by a separate line, ` +
          'SSLCipherSuite TLSv1.3 … (OpenSSL\'s three TLS 1.3 suites are used when there is none).',
      });
    });
  },
};
