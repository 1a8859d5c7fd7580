import { firstWord, forEachLiveDirective } from '../tlsSettings';
import type { Rule } from '../types';

export const sslCompression: Rule = {
  id: 'ssl/compression',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcompression',
  summary: '`SSLCompression on`: the CRIME attack; OpenSSL 3 builds have no compression and Apache refuses it.',
  check({ file, scope, report }) {
    forEachLiveDirective(file, scope, ['sslcompression'], (node) => {
      if (firstWord(node) !== 'on') return;
      report({
        range: node.range,
        message:
          'TLS compression exposes secrets such as cookies to the CRIME attack. Where OpenSSL has no compression, as ' +
          'OpenSSL 3 on Debian, Apache refuses to start: "This version of OpenSSL does not have any compression methods ' +
          'available, cannot enable SSLCompression." Delete the line (off is the default).',
      });
    });
  },
};
