// SSLCACertificateFile and SSLCACertificatePath in a per-directory section:
// the trusted client CAs are part of the handshake, before any URL is known,
// and mod_ssl refuses them there with a misleading message (ssl_engine_config.c,
// NO_PER_DIR_SSL_CA). Verified with apache2 -t in <Location>, <Directory>,
// <Files>, <If>, <Proxy> and their Match forms: "Your SSL library does not
// have support for per-directory CA".
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';
import { describePlace, isPerDirectory, sectionData, tlsLines } from '../tlsPlaces';

const DIRECTIVES: Record<string, string> = { sslcacertificatefile: 'SSLCACertificateFile', sslcacertificatepath: 'SSLCACertificatePath' };

export const caPerDir: Rule = {
  id: 'ssl/ca-per-dir',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcacertificatefile',
  summary: 'SSLCACertificateFile or SSLCACertificatePath inside a per-directory section, which Apache refuses.',
  check(context) {
    for (const line of tlsLines(context)) {
      const name = DIRECTIVES[line.name];
      if (!name || !isPerDirectory(line.place)) continue;
      context.report({
        range: directiveReportRange(line.node),
        message:
          `Apache refuses ${name} in ${describePlace(line.place)} with a misleading message: "Your SSL library does not have support for per-directory CA". ` +
          'The CAs that client certificates are checked against are sent during the handshake, before any URL is known, so they can only be set for a whole host. ' +
          'Move the line to the enclosing <VirtualHost> (or the server config).' +
          (line.place.inProxy ? ` For the backend's certificate, use SSLProxy${name.slice(3)} instead.` : ''),
        data: { name, section: sectionData(line.place) },
      });
    }
  },
};
