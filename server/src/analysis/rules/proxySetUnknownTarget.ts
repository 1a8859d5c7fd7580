// proxy/proxyset-unknown-target: ProxySet outside <Proxy> changes a worker or
// balancer that its server (the main one, or its <VirtualHost>) has defined
// above it; Apache reads it in order and refuses it otherwise ("ProxySet can
// not find 'balancer://pool' Balancer.", "… Worker."). Verified on 2.4.71:
// defined below, in another server, only by an empty <Proxy> section, or only
// as a balancer member, it is not found; a ProxyPassMatch worker is found by
// its URL, `$1` and all, not by the part before `$1`. The usual fix is to move
// it, or to write it directly in <Proxy URL>, where it defines what it names.
import type { ConfigModel } from '../../config/buildConfigModel';
import { shownPath } from '../../config/shownPath';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { directiveReportRange } from '../reportRange';
import { balancerName, proxyModel, wordRange, type Placed, type ProxyModel } from '../proxyHosts';
import { unknownProxySetTargets, workerName, type UnknownProxySetTarget } from '../proxyWorkers';
import type { Rule } from '../types';

export const proxySetUnknownTarget: Rule = modelRule(compute, {
  id: 'proxy/proxyset-unknown-target',
  citesLines: true,
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_proxy.html#proxyset',
  summary: '`ProxySet` outside `<Proxy>` names a worker or balancer that its server has not defined above it: Apache refuses to start.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const targets = unknownProxySetTargets(model);
  if (targets.size === 0) return;
  const definitions = definitionsOf(proxyModel(model));
  for (const [line, target] of targets) {
    if (!target.name.includes('://')) {
      yield {
        path: line.item.path,
        finding: {
          range: line.item.args.length > 0 ? wordRange(line, 0) : directiveReportRange(line.item.node),
          message:
            `Apache refuses to start ("ProxySet can not find '${target.name}' Worker."): outside <Proxy>, ProxySet's first word names the worker or balancer it changes ` +
            `(ProxySet http://backend/ timeout=5)${target.name ? ', and here it is a parameter' : ''}. Name the URL first, or put the line directly inside <Proxy URL>.`,
        },
      };
      continue;
    }
    const what = target.kind === 'Balancer' ? 'balancer' : 'worker';
    const definition = definedElsewhere(definitions, target);
    const where = definition && `${shownPath(model, definition.item.path)}:${definition.item.node.range.start.line + 1}`;
    const regexWorker = definition ? undefined : regexWorkerOfOrigin(definitions, line, target);
    const hint = regexWorker
      ? `The ${regexWorker.line.item.name} at ${shownPath(model, regexWorker.line.item.path)}:${regexWorker.line.item.node.range.start.line + 1} defines the worker '${regexWorker.name}', ` +
        `which ProxySet finds by that URL or a longer one${/\$\d/.test(regexWorker.name) ? ' (each $1 standing for any text)' : ''}, not by a shorter one: write ProxySet ${regexWorker.name} ….`
      : !definition
      ? `Define it first (ProxyPass${target.kind === 'Balancer' ? ', BalancerMember' : ''}), or write the settings inside <Proxy ${target.name}>, where ProxySet defines the ${what} itself.`
      : definition.host === line.host
        ? `It is defined below, at ${where}: move this line after it.`
        : `It is defined at ${where}, in ${!definition.host.virtualHost ? 'the main server' : line.host.virtualHost ? 'another virtual host' : 'a virtual host'}; each virtual host and the main server have their own ${what}s, so define it in this one too.`;
    yield {
      path: line.item.path,
      finding: {
        range: wordRange(line, 0),
        message:
          `Apache refuses to start ("ProxySet can not find '${target.name}' ${target.kind}."): outside <Proxy>, ProxySet only changes a ${what} defined above it ` +
          `in the same server (here ${line.host.virtualHost ? 'this virtual host' : 'the main server'}), and ${regexWorker ? 'none has that name' : 'there is none'}. ${hint}`,
      },
    };
  }
}

interface Definitions {
  /** The first line defining each balancer, by `balancer://name` in lower case. */
  balancers: Map<string, Placed>;
  /** Each ProxyPass worker's name and line, in reading order. */
  workers: { name: string; line: Placed }[];
  /** Each regex worker's (ProxyPassMatch) name and line, in reading order. */
  regexWorkers: { name: string; line: Placed }[];
}

/** What the configuration defines anywhere, worked out once however many ProxySet lines are wrong. */
function definitionsOf(proxy: ProxyModel): Definitions {
  const balancers = new Map<string, Placed>();
  const workers: Definitions['workers'] = [];
  const regexWorkers: Definitions['regexWorkers'] = [];
  for (const backend of proxy.backends) {
    if (backend.kind === 'RewriteRule') continue;
    if (/^balancer:/i.test(backend.sectionUrl)) {
      const name = balancerName(backend.sectionUrl);
      if (!balancers.has(name)) balancers.set(name, backend.line);
    } else if (backend.kind === 'ProxyPass' && !backend.regex) {
      workers.push({ name: workerName(backend.url), line: backend.line });
    } else if (backend.url !== '!' && !/^unix:/i.test(backend.url)) {
      regexWorkers.push({ name: workerName(backend.url), line: backend.line });
    }
  }
  return { balancers, workers, regexWorkers };
}

/** A line that defines what the ProxySet names: below it, or in another server. */
function definedElsewhere(definitions: Definitions, target: UnknownProxySetTarget): Placed | undefined {
  if (target.kind === 'Balancer') return definitions.balancers.get(balancerName(target.name));
  const wanted = workerName(target.name);
  return definitions.workers.find((worker) => wanted.startsWith(worker.name))?.line;
}

/** A regex worker of the ProxySet's server, above it, for the same scheme and host: the likely target, named too short. */
function regexWorkerOfOrigin(definitions: Definitions, line: Placed, target: UnknownProxySetTarget): { name: string; line: Placed } | undefined {
  if (target.kind !== 'Worker') return undefined;
  const origin = (url: string) => /^[^:]+:\/\/[^/]*/.exec(url)?.[0];
  const wanted = origin(workerName(target.name));
  return definitions.regexWorkers.find((worker) => worker.line.host === line.host && worker.line.order < line.order && origin(worker.name) === wanted);
}
