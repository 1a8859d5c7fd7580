import type { Rule } from '../types';
import { forEachCipherLine, profileFixData } from './sslWeakCipher';

export const sslCipherNoMatch: Rule = {
  id: 'ssl/cipher-no-match',
  severity: 'error',
  refusedBy: 'startup',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslciphersuite',
  summary: 'OpenSSL matches no suite in a cipher string: Apache fails to start (AH01898, AH10127). Needs `openssl`.',
  check(context) {
    forEachCipherLine(context, (line, expand, profile) => {
      if (expand().kind !== 'noMatch') return;
      const tls13 = line.list === 'TLSv1.3';
      context.report({
        range: line.spec.range,
        message:
          `The installed OpenSSL matches no ${tls13 ? 'TLS 1.3 suite' : 'cipher suite'} in '${line.spec.value}' ("no cipher match"). ` +
          `Apache passes the config test, then fails to start: "${tls13 ? 'AH10127: Unable to configure permitted TLSv1.3 ciphers' : 'AH01898: Unable to configure permitted SSL ciphers'}". ` +
          (tls13 ? 'TLS 1.3 suites are named like TLS_AES_128_GCM_SHA256.' : 'OpenSSL 1.1.0 and later, as usually built, have no RC4, DES or 3DES suites, and TLS 1.3 names belong in SSLCipherSuite TLSv1.3.'),
        data: profileFixData(line, profile),
      });
    });
  },
};
