// ssl/cert-without-engine: a virtual host that sets up certificates but
// whose SSLEngine (its own, else the server config's) is not
// on speaks plain HTTP; mod_ssl ignores those lines. On port 443 Apache only
// logs AH01916 "You configured HTTP(80) on the standard HTTPS(443) port!".
// The server config itself is not judged: its certificates are defaults that
// SSL virtual hosts inherit.
import type { ConfigModel } from '../../config/buildConfigModel';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { hostSetting, isOn, proxyModel } from '../proxyHosts';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

const CERTIFICATES = new Set(['sslcertificatefile', 'sslcertificatekeyfile', 'sslcertificatechainfile']);

export const sslCertWithoutEngine: Rule = modelRule(compute, {
  id: 'ssl/cert-without-engine',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslengine',
  summary: 'A virtual host configures certificates, but SSLEngine is not on there: it serves plain HTTP.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  for (const host of proxy.virtualHosts) {
    const engine = hostSetting(proxy, host, 'sslengine');
    // `SSLEngine optional` (gone since 2.4.64) has a rule of its own.
    if (isOn(engine) || /^optional$/i.test(engine?.item.args[0] ?? '')) continue;
    const first = host.lines.find((line) => line.within.length === 0 && CERTIFICATES.has(line.name));
    if (!first) continue;
    const on443 = host.virtualHost?.args.some((address) => /:443$/.test(address)) ?? false;
    yield {
      path: first.item.path,
      finding: {
        range: directiveReportRange(first.item.node),
        message:
          `${first.item.name} has no effect: SSLEngine is ${engine ? `off (${engine.item.name} ${engine.item.args.join(' ')})` : 'not on'} for this virtual host, so it speaks plain HTTP` +
          (on443 ? ' on port 443 (Apache only logs AH01916 "You configured HTTP(80) on the standard HTTPS(443) port!")' : '') +
          '. Add `SSLEngine on` to the virtual host.',
      },
    };
  }
}
