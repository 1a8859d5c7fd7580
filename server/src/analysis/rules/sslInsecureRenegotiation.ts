import { firstWord, forEachLiveDirective } from '../tlsSettings';
import type { Rule } from '../types';

export const sslInsecureRenegotiation: Rule = {
  id: 'ssl/insecure-renegotiation',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslinsecurerenegotiation',
  summary: '`SSLInsecureRenegotiation on` allows the CVE-2009-3555 prefix-injection attack.',
  check({ file, scope, report }) {
    forEachLiveDirective(file, scope, ['sslinsecurerenegotiation'], (node) => {
      if (firstWord(node) !== 'on') return;
      report({
        range: node.range,
        message:
          'This lets clients without the secure renegotiation extension (RFC 5746) renegotiate, which opens connections to ' +
          'the CVE-2009-3555 man-in-the-middle attack. Apache says nothing about it. Delete the line (off is the default).',
      });
    });
  },
};
