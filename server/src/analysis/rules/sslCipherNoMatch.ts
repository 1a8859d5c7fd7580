// ssl/cipher-no-match: a cipher string the installed OpenSSL matches nothing
// in. mod_ssl sets a host's lists at start-up and refuses to start; a list in
// a per-directory section is set only when a request reaches it, over a TLS
// 1.2 renegotiation, which then fails with 403 (verified on 2.4.71: Apache
// starts, logs AH02253 per request; over TLS 1.3 the request is served).
import type { Rule } from '../types';
import { isPerDirectory, placeOf } from '../tlsPlaces';
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
      const place = line.proxy ? undefined : placeOf(line.node, context.scope, context.inHtaccess);
      const consequence =
        place && isPerDirectory(place)
          ? 'Apache starts, but sets this list only when a request reaches this section, by renegotiating TLS 1.2, which then fails: ' +
            'the request gets 403 and Apache logs "AH02253: Unable to reconfigure (per-directory) permitted SSL ciphers". '
          : `Apache passes the config test, then fails to start: "${tls13 ? 'AH10127: Unable to configure permitted TLSv1.3 ciphers' : 'AH01898: Unable to configure permitted SSL ciphers'}". `;
      context.report({
        range: line.spec.range,
        message:
          `The installed OpenSSL matches no ${tls13 ? 'TLS 1.3 suite' : 'cipher suite'} in '${line.spec.value}' ("no cipher match"). ` +
          consequence +
          advice(line.spec.value, tls13),
        data: profileFixData(line, profile),
      });
    });
  },
};

function advice(spec: string, tls13: boolean): string {
  // Red Hat's ssl.conf ships this line; copied to another system, Apache stops there.
  if (/^PROFILE=/i.test(spec)) {
    return `${spec.split(':')[0]} names a system-wide crypto policy, which only Fedora's and Red Hat's OpenSSL builds know (crypto-policies); on this one, list the suites, or use the Mozilla profile's list.`;
  }
  return tls13 ? 'TLS 1.3 suites are named like TLS_AES_128_GCM_SHA256.' : 'OpenSSL 1.1.0 and later, as usually built, have no RC4, DES or 3DES suites, and TLS 1.3 names belong in SSLCipherSuite TLSv1.3.';
}
