// proxy/peer-checks-disabled: SSLProxyCheckPeerName, SSLProxyCheckPeerCN or
// SSLProxyCheckPeerExpire off. They silence the checks that would answer 502
// for a backend certificate with the wrong name (AH02411, AH02005) or past
// its end date (AH02004). Since 2.4.21 SSLProxyCheckPeerCN off alone turns
// every name check off, unless SSLProxyCheckPeerName on is set explicitly
// beside it (verified on 2.4.71: an IP-literal backend then fails again).
import type { ConfigModel } from '../../config/buildConfigModel';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { isOn, linesNamed, proxyModel, type Placed, type ProxyModel } from '../proxyHosts';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

const WHAT: Readonly<Record<string, string>> = {
  sslproxycheckpeername: "the backend certificate's name is no longer compared with the host of the URL",
  sslproxycheckpeercn: "the backend certificate's name is no longer compared with the host of the URL (since 2.4.21 this switches SSLProxyCheckPeerName off too)",
  sslproxycheckpeerexpire: 'expired backend certificates are accepted',
};

export const proxyPeerChecksDisabled: Rule = modelRule(compute, {
  id: 'proxy/peer-checks-disabled',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslproxycheckpeername',
  summary: '`SSLProxyCheckPeerName`, `SSLProxyCheckPeerCN` or `SSLProxyCheckPeerExpire` is off: a wrong or expired backend certificate is accepted.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  for (const line of linesNamed(proxy, ...Object.keys(WHAT))) {
    const what = WHAT[line.name];
    if (line.item.args.length !== 1 || isOn(line)) continue;
    if (line.name === 'sslproxycheckpeercn' && explicitNameCheck(proxy, line)) continue;
    yield {
      path: line.item.path,
      finding: {
        range: directiveReportRange(line.item.node),
        message:
          `With ${line.item.name} off, ${what}. ` +
          (line.name === 'sslproxycheckpeerexpire'
            ? "Renew the backend's certificate instead of switching the check off."
            : "Use a host name the backend's certificate lists (or fix the certificate) instead of switching the check off."),
      },
    };
  }
}

/** SSLProxyCheckPeerName on beside it (same section or host level): then CN off changes nothing. */
function explicitNameCheck(proxy: ProxyModel, line: Placed): boolean {
  const section = line.within.at(-1);
  return line.host.lines.some(
    (other) => other.name === 'sslproxycheckpeername' && isOn(other) && other.within.at(-1) === section,
  ) || (line.host !== proxy.server && line.within.length === 0 && proxy.server.lines.some((other) => other.name === 'sslproxycheckpeername' && isOn(other) && other.within.length === 0));
}
