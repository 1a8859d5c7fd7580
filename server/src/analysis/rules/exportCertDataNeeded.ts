// ssl/export-cert-data-needed: SSL_CLIENT_CERT (and SSL_SERVER_CERT,
// SSL_CLIENT_CERT_CHAIN_n) read from the request environment, which mod_ssl
// fills with the PEM only under SSLOptions +ExportCertData. Verified on
// 2.4.71 with a client certificate: `RequestHeader set X "%{SSL_CLIENT_CERT}e"`
// sends "(null)" without the option and the PEM with it, while
// `%{SSL_CLIENT_CERT}s` (mod_ssl's own lookup) and `expr=%{SSL_CLIENT_CERT}`
// send it either way, so those are not reported. Environment reads are
// `%{…}e` in Header/RequestHeader values, `%{ENV:…}` in mod_rewrite and
// expressions, and the env()/reqenv() expression functions.
import type { ConfigModel } from '../../config/buildConfigModel';
import { findingsPerModel, type LocatedFinding } from '../modelFindings';
import { proxyModel, wordRange, type Placed, type ProxyModel } from '../proxyHosts';
import type { Rule } from '../types';

const CERT_VARIABLE = String.raw`SSL_(?:CLIENT|SERVER)_CERT(?:_CHAIN_\d+)?`;
const ENVIRONMENT_READS = [
  new RegExp(String.raw`%\{(${CERT_VARIABLE})\}e`),
  new RegExp(String.raw`%\{ENV:(${CERT_VARIABLE})\}`, 'i'),
  new RegExp(String.raw`\b(?:env|reqenv)\(\s*['"](${CERT_VARIABLE})['"]\s*\)`),
];

const findings = findingsPerModel(compute);

export const exportCertDataNeeded: Rule = {
  id: 'ssl/export-cert-data-needed',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#ssloptions',
  summary: 'SSL_CLIENT_CERT read from the environment (`%{SSL_CLIENT_CERT}e`, `%{ENV:SSL_CLIENT_CERT}`) without `SSLOptions +ExportCertData`: it is empty.',
  check({ scope, report }) {
    for (const finding of findings(scope)) report(finding);
  },
};

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  const exporting = new Set(proxy.lines.filter((line) => line.name === 'ssloptions' && line.item.args.some((word) => /^\+?exportcertdata$/i.test(word))).map((line) => line.host));
  for (const line of proxy.lines) {
    if (exports(proxy, exporting, line)) continue;
    for (const [index, word] of line.item.args.entries()) {
      if (!word.includes('_CERT')) continue;
      const variable = ENVIRONMENT_READS.map((pattern) => pattern.exec(word)?.[1]).find((found) => found !== undefined);
      if (!variable) continue;
      yield {
        path: line.item.path,
        finding: {
          range: wordRange(line, index),
          message:
            `${variable} is read from the request environment, where mod_ssl puts it only with SSLOptions +ExportCertData, and no such line is in this host: the value is empty ("(null)" in a header). ` +
            `Add SSLOptions +ExportCertData, or read it straight from mod_ssl with %{${variable}}s (headers) or %{SSL:${variable}} (mod_rewrite).`,
        },
      };
      break;
    }
  }
}

/** SSLOptions +ExportCertData anywhere in the line's host, or in the server config. */
function exports(proxy: ProxyModel, exporting: ReadonlySet<object>, line: Placed): boolean {
  return exporting.has(line.host) || exporting.has(proxy.server);
}
