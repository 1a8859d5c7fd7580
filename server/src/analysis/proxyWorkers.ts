// Which worker each ProxyPass and BalancerMember gets while Apache reads the
// configuration (mod_proxy.c add_pass and add_member). A URL whose start an
// earlier worker's name already covers shares that worker (AH01145, AH01149)
// and its key=value parameters are ignored (AH01146, AH01150) without being
// checked. Every server (the main one, each <VirtualHost>) has its own list
// of workers, <Location> sections included; each balancer its own members.
// Regex workers (ProxyPassMatch) never match a prefix lookup and are left out.
import type { ConfigModel } from '../config/buildConfigModel';
import { linesNamed, proxyModel, balancerName, type Backend, type Host, type Placed } from './proxyHosts';
import { perModel } from '../config/oncePer';

export interface WorkerUse {
  /** The name of the worker that was there first and is shared. */
  sharedWith: string;
  /** The line that defined it. */
  definedBy: Placed;
}

/** The ProxyPass and BalancerMember lines that share an earlier worker. */
export const sharedWorkers: (model: ConfigModel) => Map<Backend, WorkerUse> = perModel(findShared);

function findShared(model: ConfigModel): Map<Backend, WorkerUse> {
  const proxy = proxyModel(model);
  const shared = new Map<Backend, WorkerUse>();
  const hostIndex = new Map(proxy.hosts.map((host, index) => [host, index]));
  const lists = new Map<Host | string, { name: string; definedBy: Placed }[]>();
  const listOf = (key: Host | string) => {
    let list = lists.get(key);
    if (!list) lists.set(key, (list = []));
    return list;
  };
  for (const line of linesNamed(proxy, 'proxypass', 'balancermember', 'proxyset')) {
    const backend = proxy.backendByLine.get(line);
    let url: string | undefined;
    let key: Host | string;
    if (backend?.kind === 'ProxyPass' && !backend.regex) {
      url = backend.url;
      key = line.host;
    } else if (backend?.kind === 'BalancerMember') {
      url = backend.url;
      key = `${hostIndex.get(line.host)}\0${balancerName(backend.sectionUrl)}`;
    } else if (line.name === 'proxyset' && /^[a-z][a-z0-9+.-]*:\/\//i.test(line.item.args[0] ?? '') && !/^balancer:/i.test(line.item.args[0])) {
      url = line.item.args[0];
      key = line.host;
    } else {
      continue;
    }
    if (url === '!' || /^(balancer|unix):/i.test(url)) continue;
    const lookup = lookupForm(url);
    if (!lookup) continue;
    const list = listOf(key);
    let best: (typeof list)[number] | undefined;
    for (const worker of list) {
      if (worker.name.length <= lookup.url.length && worker.name.length >= lookup.minMatch && lookup.url.startsWith(worker.name) && worker.name.length > (best?.name.length ?? -1)) {
        best = worker;
      }
    }
    if (best && backend) shared.set(backend, { sharedWith: best.name, definedBy: best.definedBy });
    else if (!best) list.push({ name: workerName(url), definedBy: line });
  }
  return shared;
}

/** ap_proxy_get_worker_ex: the URL with scheme and host lower-cased, and how much of it a worker must cover. */
function lookupForm(url: string): { url: string; minMatch: number } | undefined {
  const colon = url.indexOf(':');
  if (colon < 0 || url[colon + 1] !== '/' || url[colon + 2] !== '/' || colon + 3 >= url.length) return undefined;
  const slash = url.indexOf('/', colon + 3);
  const head = (slash < 0 ? url : url.slice(0, slash)).toLowerCase();
  return { url: head + (slash < 0 ? '' : url.slice(slash)), minMatch: head.length };
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443', ws: '80', wss: '443', ajp: '8009', fcgi: '8000', scgi: '4000', h2: '443', h2c: '80', ftp: '21' };

/** The name a new worker gets: scheme and host lower-cased, a default port dropped (ap_proxy_define_worker_ex). */
export function workerName(url: string): string {
  const match = /^([^:]+):\/\/([^/?#]*)(.*)$/s.exec(url);
  if (!match) return url;
  const scheme = match[1].toLowerCase();
  const hostinfo = match[2].toLowerCase();
  const port = /:(\d+)$/.exec(hostinfo)?.[1];
  const host = port !== undefined && DEFAULT_PORTS[scheme] === String(Number(port)) ? hostinfo.slice(0, hostinfo.length - port.length - 1) : hostinfo;
  return `${scheme}://${host}${match[3]}`;
}
