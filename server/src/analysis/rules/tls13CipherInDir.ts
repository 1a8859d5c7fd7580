// `SSLCipherSuite TLSv1.3 …` in a per-directory section: TLS 1.3 suites are
// fixed by the handshake, before any URL is known, and mod_ssl refuses the
// line (ssl_engine_config.c ssl_cmd_SSLCipherSuite). Verified with apache2 -t
// in <Location>, <Directory>, <Files>, <If>, <Proxy> and their Match forms:
// "TLSv1.3 ciphers cannot be set inside a directory context".
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';
import { describePlace, isPerDirectory, sectionData, tlsLines } from '../tlsPlaces';
import { cipherListOf } from '../tlsSettings';

export const tls13CipherInDir: Rule = {
  id: 'ssl/tls13-cipher-in-dir',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslciphersuite',
  summary: '`SSLCipherSuite TLSv1.3 …` inside a per-directory section, which Apache refuses.',
  check(context) {
    for (const line of tlsLines(context)) {
      // The protocol word is case-sensitive: "tlsv1.3" is refused as an unknown protocol instead.
      if (line.name !== 'sslciphersuite' || cipherListOf(line.args) !== 'TLSv1.3' || !isPerDirectory(line.place)) continue;
      context.report({
        range: directiveReportRange(line.node),
        message:
          `Apache refuses TLS 1.3 ciphers in ${describePlace(line.place)}: "TLSv1.3 ciphers cannot be set inside a directory context". ` +
          'They are fixed by the handshake, before any URL is known. Move the line to the enclosing <VirtualHost> (or the server config).' +
          (line.place.inProxy ? ' For the connections to the backend, use SSLProxyCipherSuite TLSv1.3 instead.' : ''),
        data: { ciphers: line.args.slice(1).join(' '), section: sectionData(line.place), inProxy: line.place.inProxy },
      });
    }
  },
};
