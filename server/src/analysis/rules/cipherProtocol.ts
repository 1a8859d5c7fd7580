// args/cipher-protocol: SSLCipherSuite and SSLProxyCipherSuite take one cipher
// string, or a protocol and a string; mod_ssl knows the protocols SSL and
// TLSv1.3 only, compared with case, and refuses any other first word of two
// ("protocol 'HIGH:!aNULL' not supported", verified on 2.4.71). The usual cause
// is a space inside one cipher string.
import { cipherStringAt, forEachLiveDirective } from '../tlsSettings';
import { wordsOf } from '../fileScope';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

const PROTOCOLS = ['SSL', 'TLSv1.3'];

export const cipherProtocol: Rule = {
  id: 'args/cipher-protocol',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslciphersuite',
  summary: '`SSLCipherSuite` or `SSLProxyCipherSuite` with two words whose first is not `SSL` or `TLSv1.3`, often a space inside a cipher string.',
  check({ file, scope, report }) {
    forEachLiveDirective(file, scope, ['sslciphersuite', 'sslproxyciphersuite'], (node) => {
      const words = wordsOf(scope, node).args;
      if (words.length !== 2 || cipherStringAt(words) === 0 || PROTOCOLS.includes(words[0])) return;
      const [first, second] = words;
      const sameButCase = PROTOCOLS.find((protocol) => protocol.toLowerCase() === first.toLowerCase());
      const advice = sameButCase
        ? `Write ${sameButCase}: mod_ssl compares the protocol with case.`
        : `With two words the first names the protocol the list is for, SSL or TLSv1.3. If this is one cipher list, join the parts with ':' (${first}:${second}).`;
      report({
        // From the protocol word to the line's end: Apache blames a continued line's last physical line.
        range: scope.resolved.has(node) ? directiveReportRange(node) : { start: node.args[0].range.start, end: directiveReportRange(node).end },
        message: `Apache refuses to start: "protocol '${first}' not supported". ${advice}`,
      });
    });
  },
};
