// proxy/worker-sharing: a ProxyPass (or BalancerMember) URL that an earlier
// worker's URL already covers shares that worker, and the key=value
// parameters written on it are dropped unchecked. For the server config
// `apache2 -t` prints (for a virtual host nothing), and accepts:
// "AH01145: Sharing worker 'http://127.0.0.1:9/' instead of creating new
// worker 'http://127.0.0.1:9/sub'" and "AH01146: Ignoring parameter
// 'timeout=5' for worker 'http://127.0.0.1:9/' because of worker sharing"
// (AH01149/AH01150 for balancer members). Verified on 2.4.71, also for the
// same URL twice and for a ProxyPass inside <Location>; virtual hosts do not
// share with the server config or each other.
import type { ConfigModel } from '../../config/buildConfigModel';
import { shownPath } from '../../config/shownPath';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { wordRange } from '../proxyHosts';
import { sharedWorkers } from '../proxyWorkers';
import type { Rule } from '../types';

export const proxyWorkerSharing: Rule = modelRule(compute, {
  id: 'proxy/worker-sharing',
  citesLines: true,
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_proxy.html#workers',
  summary: 'Parameters on a `ProxyPass` whose URL shares an earlier worker: Apache ignores them (AH01146).',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  for (const [backend, use] of sharedWorkers(model)) {
    if (backend.params.length === 0) continue;
    const first = wordRange(backend.line, backend.params[0].index);
    const last = wordRange(backend.line, backend.params[backend.params.length - 1].index);
    const codes = backend.kind === 'BalancerMember' ? ['AH01149', 'AH01150'] : ['AH01145', 'AH01146'];
    const where = `${shownPath(model, use.definedBy.item.path)}:${use.definedBy.item.node.range.start.line + 1}`;
    yield {
      path: backend.line.item.path,
      finding: {
        range: { start: first.start, end: last.end },
        message:
          `${backend.params.map((param) => `${param.key}=${param.value}`).join(' ')} ${backend.params.length > 1 ? 'are' : 'is'} ignored: ${backend.url} shares the worker '${use.sharedWith}' defined at ${where}, ` +
          `whose URL is a prefix of it ("${codes[0]}: Sharing worker …", "${codes[1]}: Ignoring parameter … because of worker sharing"). ` +
          'Put the parameters on the first definition, or set them with ProxySet for that worker.',
      },
    };
  }
}
