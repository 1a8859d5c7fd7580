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
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel, wordRange, type Placed, type ProxyModel } from '../proxyHosts';
import type { Rule } from '../types';

const CERT_VARIABLE = String.raw`SSL_(?:CLIENT|SERVER)_CERT(?:_CHAIN_\d+)?`;
const ENVIRONMENT_READS = [
  new RegExp(String.raw`%\{(${CERT_VARIABLE})\}e`),
  new RegExp(String.raw`%\{ENV:(${CERT_VARIABLE})\}`, 'i'),
  new RegExp(String.raw`\b(?:env|reqenv)\(\s*['"](${CERT_VARIABLE})['"]\s*\)`),
];

export const exportCertDataNeeded: Rule = modelRule(compute, {
  id: 'ssl/export-cert-data-needed',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#ssloptions',
  summary: 'SSL_CLIENT_CERT read from the environment (`%{SSL_CLIENT_CERT}e`, `%{ENV:SSL_CLIENT_CERT}`) without `SSLOptions +ExportCertData`: it is empty.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  const exporting = new Set(linesNamed(proxy, 'ssloptions').filter((line) => line.item.args.some((word) => /^\+?exportcertdata$/i.test(word))).map((line) => line.host));
  // Every line of the tree is looked at: an index loop, as for…of in a generator allocates at each step.
  const { lines } = proxy;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (exports(proxy, exporting, line)) continue;
    const read = environmentRead(line.item.args);
    if (!read) continue;
    yield {
      path: line.item.path,
      finding: {
        range: wordRange(line, read.index),
        message:
          `${read.variable} is read from the request environment, where mod_ssl puts it only with SSLOptions +ExportCertData, and no such line is in this host: the value is empty ("(null)" in a header). ` +
          `Add SSLOptions +ExportCertData, or read it straight from mod_ssl with %{${read.variable}}s (headers) or %{SSL:${read.variable}} (mod_rewrite).`,
      },
    };
  }
}

/** The first word that reads a certificate variable from the environment, with the variable. */
function environmentRead(args: readonly string[]): { index: number; variable: string } | undefined {
  for (let index = 0; index < args.length; index++) {
    if (!args[index].includes('_CERT')) continue;
    for (const pattern of ENVIRONMENT_READS) {
      const variable = pattern.exec(args[index])?.[1];
      if (variable) return { index, variable };
    }
  }
  return undefined;
}

/** SSLOptions +ExportCertData anywhere in the line's host, or in the server config. */
function exports(proxy: ProxyModel, exporting: ReadonlySet<object>, line: Placed): boolean {
  return exporting.has(line.host) || exporting.has(proxy.server);
}
