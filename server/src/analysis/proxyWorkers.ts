// Which worker each ProxyPass and BalancerMember gets while Apache reads the
// configuration (mod_proxy.c add_pass and add_member). A URL whose start an
// earlier worker's name already covers shares that worker (AH01145, AH01149)
// and its key=value parameters are ignored (AH01146, AH01150) without being
// checked. Every server (the main one, each <VirtualHost>) has its own list
// of workers, <Location> sections included; each balancer its own members.
// Regex workers (ProxyPassMatch) are left out of that sharing.
// ProxySet (set_proxy_param) directly in <Proxy URL> defines that worker or
// balancer; anywhere else it names one its server has defined above it, or
// Apache refuses the line. A regex worker counts there too: by prefix, or
// when its URL has `$1`-style references, by ap_proxy_strcmp_ematch (each
// reference stands for any text), so `ProxySet http://b/x/` does not find the
// worker of `ProxyPassMatch ^/(.*) http://b/x/$1`, but `http://b/x/$1` and
// `http://b/x/a` do (verified on 2.4.71).
import type { ConfigModel } from '../config/buildConfigModel';
import { sectionPlacement } from '../knowledge/sectionPlacement';
import { linesNamed, proxyModel, balancerName, isRegexSection, sectionPattern, type Backend, type Host, type Placed } from './proxyHosts';
import { perModel } from '../config/oncePer';

export interface WorkerUse {
  /** The name of the worker that was there first and is shared. */
  sharedWith: string;
  /** The line that defined it. */
  definedBy: Placed;
}

/** A ProxySet outside <Proxy> whose worker or balancer its server has not defined above it. */
export interface UnknownProxySetTarget {
  kind: 'Worker' | 'Balancer';
  /** The name as written, as Apache quotes it. */
  name: string;
}

interface WorkerReading {
  shared: Map<Backend, WorkerUse>;
  unknownTargets: Map<Placed, UnknownProxySetTarget>;
}

const readWorkers = perModel(read);

/** The ProxyPass and BalancerMember lines that share an earlier worker. */
export function sharedWorkers(model: ConfigModel): Map<Backend, WorkerUse> {
  return readWorkers(model).shared;
}

/** The ProxySet lines Apache refuses because nothing above them defines what they name. */
export function unknownProxySetTargets(model: ConfigModel): Map<Placed, UnknownProxySetTarget> {
  return readWorkers(model).unknownTargets;
}

/** Where a ProxySet takes its worker from: the <Proxy> it stands in directly (conditionals and Includes are spliced away), else its first word. */
export function proxySetSection(line: Placed): Placed['within'][number] | undefined {
  const parent = line.within[line.within.length - 1];
  return parent && sectionPlacement(parent.name) === 'proxy' ? parent : undefined;
}

function read(model: ConfigModel): WorkerReading {
  const proxy = proxyModel(model);
  const shared = new Map<Backend, WorkerUse>();
  const unknownTargets = new Map<Placed, UnknownProxySetTarget>();
  const hostIndex = new Map(proxy.hosts.map((host, index) => [host, index]));
  const lists = new Map<Host | string, { name: string; definedBy: Placed }[]>();
  const listOf = (key: Host | string) => {
    let list = lists.get(key);
    if (!list) lists.set(key, (list = []));
    return list;
  };
  /** Per server, the balancers defined so far (lower case, `balancer://name`). */
  const balancers = new Map<Host, Set<string>>();
  const defineBalancer = (host: Host, url: string) => {
    let names = balancers.get(host);
    if (!names) balancers.set(host, (names = new Set()));
    names.add(balancerName(url));
  };
  /** Servers with a Unix-socket worker (found by the URL after its `|`): a ProxySet naming a worker there is not judged. */
  const unjudgedWorkers = new Set<Host>();
  /** Per server, the names of the regex workers defined so far. */
  const regexWorkers = new Map<Host, string[]>();
  const covering = (list: { name: string; definedBy: Placed }[], lookup: { url: string; minMatch: number }) => {
    let best: (typeof list)[number] | undefined;
    for (const worker of list) {
      if (worker.name.length <= lookup.url.length && worker.name.length >= lookup.minMatch && lookup.url.startsWith(worker.name) && worker.name.length > (best?.name.length ?? -1)) {
        best = worker;
      }
    }
    return best;
  };
  for (const line of linesNamed(proxy, 'proxypass', 'proxypassmatch', 'balancermember', 'proxyset')) {
    const backend = proxy.backendByLine.get(line);
    let url: string | undefined;
    let key: Host | string;
    if (backend && backend.url !== '!' && /^balancer:/i.test(backend.url)) {
      defineBalancer(line.host, backend.kind === 'BalancerMember' ? backend.sectionUrl : backend.url);
    }
    if (backend?.kind === 'ProxyPass' && !backend.regex) {
      url = backend.url;
      key = line.host;
    } else if (backend?.kind === 'ProxyPass' || backend?.kind === 'ProxyPassMatch') {
      if (/^unix:/i.test(backend.url)) unjudgedWorkers.add(line.host);
      else if (backend.url !== '!' && !/^balancer:/i.test(backend.url)) {
        let names = regexWorkers.get(line.host);
        if (!names) regexWorkers.set(line.host, (names = []));
        names.push(workerName(backend.url));
      }
      continue;
    } else if (backend?.kind === 'BalancerMember') {
      defineBalancer(line.host, backend.sectionUrl);
      url = backend.url;
      key = `${hostIndex.get(line.host)}\0${balancerName(backend.sectionUrl)}`;
    } else if (line.name === 'proxyset') {
      const section = proxySetSection(line);
      if (!section) {
        const workerCovers = (lookup: { url: string; minMatch: number }) =>
          covering(listOf(line.host), lookup) !== undefined || (regexWorkers.get(line.host) ?? []).some((name) => regexWorkerCovers(name, lookup));
        const target = unknownTarget(line, balancers.get(line.host), unjudgedWorkers.has(line.host), workerCovers);
        if (target) unknownTargets.set(line, target);
        continue;
      }
      if (isRegexSection(section)) continue;
      url = sectionPattern(section);
      if (/^balancer:/i.test(url)) {
        defineBalancer(line.host, url);
        continue;
      }
      key = line.host;
    } else {
      continue;
    }
    if (/^unix:/i.test(url)) unjudgedWorkers.add(line.host);
    if (url === '!' || /^(balancer|unix):/i.test(url)) continue;
    const lookup = lookupForm(url);
    if (!lookup) continue;
    const list = listOf(key);
    const best = covering(list, lookup);
    if (best && backend) shared.set(backend, { sharedWith: best.name, definedBy: best.definedBy });
    else if (!best) list.push({ name: workerName(url), definedBy: line });
  }
  return { shared, unknownTargets };
}

/**
 * What a ProxySet outside <Proxy> names, when its server has not defined it
 * above: a balancer by name, a worker by the longest name covering the URL.
 * A first word that is no URL at all (`ProxySet timeout=5` in a <Location>)
 * names no worker either. A Unix-socket URL, or a server whose workers are
 * not all found by prefix, is not judged.
 */
function unknownTarget(
  line: Placed,
  balancers: ReadonlySet<string> | undefined,
  unjudgedWorkers: boolean,
  workerCovers: (lookup: { url: string; minMatch: number }) => boolean,
): UnknownProxySetTarget | undefined {
  const name = line.item.args[0] ?? '';
  if (/^balancer:\/\//i.test(name)) return balancers?.has(balancerName(name)) ? undefined : { kind: 'Balancer', name };
  if (/^unix:/i.test(name)) return undefined;
  if (!name.includes('://')) return { kind: 'Worker', name };
  const lookup = lookupForm(name);
  if (!lookup || unjudgedWorkers || workerCovers(lookup)) return undefined;
  return { kind: 'Worker', name };
}

/**
 * worker_matches for a regex worker: a name no longer than the URL that
 * covers it, by prefix, or by ap_proxy_strcmp_ematch when it has `$1`-style
 * references.
 */
function regexWorkerCovers(name: string, lookup: { url: string; minMatch: number }): boolean {
  if (name.length > lookup.url.length) return false;
  if (!/\$\d/.test(name)) return name.length >= lookup.minMatch && lookup.url.startsWith(name);
  return expandedMatch(lookup.url, 0, name, 0) === 0;
}

/** ap_proxy_strcmp_ematch from `x` in `text` and `y` in `expected`: 0 when it matches (the rest of `text` is free), 1 or -1 when not. */
function expandedMatch(text: string, x: number, expected: string, y: number): number {
  for (; y < expected.length; y++, x++) {
    if (expected[y] === '$' && /\d/.test(expected[y + 1] ?? '')) {
      do y += 2;
      while (expected[y] === '$' && /\d/.test(expected[y + 1] ?? ''));
      if (y >= expected.length) return 0;
      while (x < text.length) {
        const result = expandedMatch(text, x++, expected, y);
        if (result !== 1) return result;
      }
      return -1;
    }
    if (x >= text.length) return -1;
    if (expected[y] === '\\' && ++y >= expected.length) return -2;
    if (text[x] !== expected[y]) return 1;
  }
  return 0;
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
