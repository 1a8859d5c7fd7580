// The live configuration cut into hosts (the main server and each
// <VirtualHost>) the way mod_proxy and mod_ssl's proxy side look at it: every
// directive with the sections around it, the backends each host sends
// requests to, the balancers and their members, and where a setting such as
// SSLProxyEngine comes from for one backend. Built once per configuration
// model: every file's analysis asks the same questions.
import type { ConfigModel, LiveDirective, LiveSection } from '../config/buildConfigModel';
import { defaultDirectiveIndex, type PlacementKind } from '../knowledge/directiveIndex';
import { sectionPlacement } from '../knowledge/sectionPlacement';
import type { Range } from '../parser/ast';
import { fnmatchRegExp, hasFnmatchCharacters, parseBackendUrl, TLS_SCHEMES, tryRegExp, type BackendUrl } from './backendUrl';
import { placementsOf } from './placement';
import { directiveReportRange } from './reportRange';

export interface Placed {
  item: LiveDirective;
  /** Lower-case name. */
  name: string;
  /** Sections around it inside its host, outermost first (conditional sections are already gone). */
  within: readonly LiveSection[];
  host: Host;
  /** Position in the whole configuration, in reading order. */
  order: number;
}

export interface Host {
  /** Absent for the main server. */
  virtualHost?: LiveSection;
  lines: Placed[];
  /** Host-level lines (outside any section) by lower-case name, in order. */
  own: Map<string, Placed[]>;
  /** Lines directly in a <Proxy> or <ProxyMatch> section, by lower-case name, in order. */
  inProxySections: Map<string, Placed[]>;
}

export type BackendKind = 'ProxyPass' | 'ProxyPassMatch' | 'BalancerMember' | 'RewriteRule';

export interface Backend {
  line: Placed;
  kind: BackendKind;
  /** The target as Apache reads it ("!" for an exclusion). */
  url: string;
  /** Index of the URL among the directive's words. */
  urlIndex: number;
  parsed?: BackendUrl;
  /** What <Proxy> sections are matched against for its requests: the target, for a member its balancer. */
  sectionUrl: string;
  /** The ProxyPass path: its first word, or the <Location> (or <Proxy>) path it stands in. */
  path?: string;
  /** Index of the path among the words; absent when it comes from the section. */
  pathIndex?: number;
  /** The <Location>, <LocationMatch>, <Proxy> or <ProxyMatch> the ProxyPass stands in. */
  location?: LiveSection;
  /** ProxyPassMatch, `ProxyPass ~`, or a ProxyPass whose section pattern Apache compiles as a regex. */
  regex: boolean;
  /** In <LocationMatch> (or <Location ~>) with a pattern Apache compares as plain text: it never matches a request. */
  patternAsText: boolean;
  /** key=value words after the URL, with their indexes. */
  params: { key: string; value: string; index: number }[];
  /** Words after the URL without `=` that are not nocanon, interpolate or noquery. */
  strayWords: number[];
}

export interface Balancer {
  /** Lower-case `balancer://name`. */
  name: string;
  members: Backend[];
  /** Some line sets lbmethod= for it (then Apache looks the method up while reading). */
  lbmethodSet: boolean;
}

export interface ProxyModel {
  server: Host;
  virtualHosts: Host[];
  /** The server first, then the virtual hosts in order. */
  hosts: Host[];
  backends: Backend[];
  backendByLine: Map<Placed, Backend>;
  /** The non-member backends of each host. */
  backendsOf: Map<Host, Backend[]>;
  /** The hosts that pass requests to each balancer (lower-case name). */
  balancerUsers: Map<string, Host[]>;
  balancers: Map<string, Balancer>;
  /** Every placed directive in reading order. */
  lines: Placed[];
  /** Every live section (virtual hosts included) with its host, in reading order. */
  sections: { section: LiveSection; host: Host; /** How many directives were read before its open tag. */ order: number }[];
}

const PROXY_FLAGS = new Set(['nocanon', 'interpolate', 'noquery']);
const cache = new WeakMap<ConfigModel, ProxyModel>();

export function proxyModel(model: ConfigModel): ProxyModel {
  let built = cache.get(model);
  if (!built) {
    built = build(model);
    cache.set(model, built);
  }
  return built;
}

/** The sections around a level of the walk, innermost first, shared by the levels inside. */
interface Chain {
  section: LiveSection;
  outer?: Chain;
}

function build(model: ConfigModel): ProxyModel {
  const server: Host = { lines: [], own: new Map(), inProxySections: new Map() };
  const virtualHosts: Host[] = [];
  const lines: Placed[] = [];
  const sections: ProxyModel['sections'] = [];
  const lowerNames = new Map<string, string>();
  const available = new Map<string, boolean>();
  /** By context key, then lower-case name: whether Apache refuses the directive there. */
  const refused = new Map<string, Map<string, boolean>>();
  // Sections can nest thousands deep (hostile input): the list around a line is built only for a
  // level that holds a directive, once, and the context key stays short.
  const withinMemo = new Map<Chain, readonly LiveSection[]>();
  const withinOf = (chain: Chain | undefined): readonly LiveSection[] => {
    if (!chain) return [];
    let known = withinMemo.get(chain);
    if (!known) {
      const sections: LiveSection[] = [];
      for (let link: Chain | undefined = chain; link; link = link.outer) sections.push(link.section);
      withinMemo.set(chain, (known = sections.reverse()));
    }
    return known;
  };
  /** One level of the walk: a list of live items, and where they stand. */
  interface Level {
    items: readonly (LiveDirective | LiveSection)[];
    next: number;
    host: Host;
    chain?: Chain;
    /** What Apache's context check looks at: host kind, innermost kind, every kind around (a handful at most). */
    top: 'server' | 'virtualhost';
    innermost?: PlacementKind;
    kinds: ReadonlySet<PlacementKind>;
    context: string;
  }
  const contextKey = (top: string, innermost: PlacementKind | undefined, kinds: ReadonlySet<PlacementKind>) => `${top}|${innermost ?? ''}|${[...kinds].sort().join(',')}`;
  const levels: Level[] = [{ items: model.tree, next: 0, host: server, top: 'server', kinds: new Set(), context: 'server||' }];
  while (levels.length > 0) {
    const level = levels[levels.length - 1];
    if (level.next >= level.items.length) {
      levels.pop();
      continue;
    }
    const item = level.items[level.next++];
    const { host } = level;
    if (item.kind === 'directive') {
      let name = lowerNames.get(item.name);
      if (name === undefined) lowerNames.set(item.name, (name = item.name.toLowerCase()));
      let known = available.get(name);
      if (known === undefined) available.set(name, (known = model.isDirectiveAvailable(item.name) !== false));
      let here = refused.get(level.context);
      if (!here) refused.set(level.context, (here = new Map()));
      let refusal = here.get(name);
      if (refusal === undefined) here.set(name, (refusal = refusedHere(name, level.innermost ?? level.top, level.kinds)));
      // Apache stops at a directive it does not know, or one it refuses where it stands (mod/unknown-directive
      // and ctx/not-allowed say so): nothing else is to be learnt from it.
      if (!known || refusal) continue;
      const placed: Placed = { item, name, within: withinOf(level.chain), host, order: lines.length };
      host.lines.push(placed);
      lines.push(placed);
      if (!level.chain) append(host.own, name, placed);
      else if (!level.chain.outer && sectionPlacement(level.chain.section.name) === 'proxy') append(host.inProxySections, name, placed);
      continue;
    }
    sections.push({ section: item, host, order: lines.length });
    if (item.name.toLowerCase() === 'virtualhost' && host === server && !level.chain) {
      const virtualHost: Host = { virtualHost: item, lines: [], own: new Map(), inProxySections: new Map() };
      virtualHosts.push(virtualHost);
      levels.push({ items: item.children, next: 0, host: virtualHost, top: 'virtualhost', kinds: new Set(), context: 'virtualhost||' });
    } else {
      const kind = sectionPlacement(item.name);
      const kinds = kind && !level.kinds.has(kind) ? new Set([...level.kinds, kind]) : level.kinds;
      const innermost = kind ?? level.innermost;
      levels.push({ items: item.children, next: 0, host, chain: { section: item, outer: level.chain }, top: level.top, innermost, kinds, context: contextKey(level.top, innermost, kinds) });
    }
  }
  const backends = lines.flatMap((line) => backendOf(line) ?? []);
  const balancers = new Map<string, Balancer>();
  for (const backend of backends) {
    if (backend.kind !== 'BalancerMember') continue;
    const balancer = balancerNamed(balancers, backend.sectionUrl);
    balancer.members.push(backend);
  }
  for (const line of lines) {
    const named = line.name === 'proxyset' || line.name === 'proxypass' || line.name === 'proxypassmatch' ? lbmethodTarget(line) : undefined;
    if (named) balancerNamed(balancers, named).lbmethodSet = true;
  }
  const backendsOf = new Map<Host, Backend[]>();
  const balancerUsers = new Map<string, Host[]>();
  for (const backend of backends) {
    if (backend.kind === 'BalancerMember') continue;
    append(backendsOf, backend.line.host, backend);
    if (/^balancer:\/\//i.test(backend.url)) append(balancerUsers, balancerName(backend.url), backend.line.host);
  }
  const backendByLine = new Map(backends.map((backend) => [backend.line, backend]));
  return { server, virtualHosts, hosts: [server, ...virtualHosts], backends, backendByLine, backendsOf, balancerUsers, balancers, lines, sections };
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Whether Apache refuses the directive in its context (ctx/not-allowed says so): ProxyPass in <Directory>, say. */
function refusedHere(name: string, innermost: PlacementKind, kinds: ReadonlySet<PlacementKind>): boolean {
  const fact = defaultDirectiveIndex().lookup(name);
  const placements = fact && placementsOf(fact);
  if (!placements) return false;
  return !placements[innermost] || [...kinds].some((kind) => !placements[kind]);
}

function balancerNamed(balancers: Map<string, Balancer>, url: string): Balancer {
  const name = balancerName(url);
  let balancer = balancers.get(name);
  if (!balancer) {
    balancer = { name, members: [], lbmethodSet: false };
    balancers.set(name, balancer);
  }
  return balancer;
}

/** `balancer://Name/path` → `balancer://name`. */
export function balancerName(url: string): string {
  return (/^balancer:\/\/[^/?#]*/i.exec(url)?.[0] ?? url).toLowerCase();
}

/** The balancer a line with lbmethod= configures, if any. */
function lbmethodTarget(line: Placed): string | undefined {
  const { args } = line.item;
  if (!args.some((arg) => /^lbmethod=/i.test(arg))) return undefined;
  const own = args.find((arg) => /^balancer:\/\//i.test(arg));
  return own ?? line.within.map((section) => section.args[0] ?? '').find((arg) => /^balancer:\/\//i.test(arg));
}

/** The <Location>, <LocationMatch>, <Proxy> or <ProxyMatch> that sets Apache's cmd->path for a line, if any. */
export function pathSection(line: Placed): LiveSection | undefined {
  for (let i = line.within.length - 1; i >= 0; i--) {
    const kind = sectionPlacement(line.within[i].name);
    if (kind === 'location' || kind === 'proxy') return line.within[i];
  }
  return undefined;
}

/** The pattern of a section: its first word, or the second after `~`. */
export function sectionPattern(section: LiveSection): string {
  return section.args[0] === '~' ? (section.args[1] ?? '') : (section.args[0] ?? '');
}

/** A section whose pattern is a regular expression (the Match forms, or `~`). */
export function isRegexSection(section: LiveSection): boolean {
  return section.name.toLowerCase().endsWith('match') || section.args[0] === '~';
}

function backendOf(line: Placed): Backend | undefined {
  const { args } = line.item;
  if (line.name === 'proxypass' || line.name === 'proxypassmatch') return proxyPassOf(line);
  if (line.name === 'balancermember') {
    const section = pathSection(line);
    const inSection = section !== undefined && /^balancer:\/\//i.test(sectionPattern(section));
    const urlIndex = inSection ? args.findIndex((arg) => !arg.includes('=')) : args.findIndex((arg, i) => i > 0 && !arg.includes('='));
    if (urlIndex < 0) return undefined;
    const balancer = inSection ? sectionPattern(section) : args[0];
    if (!/^balancer:\/\//i.test(balancer)) return undefined;
    return {
      line,
      kind: 'BalancerMember',
      url: args[urlIndex],
      urlIndex,
      parsed: parseBackendUrl(args[urlIndex]),
      sectionUrl: balancer,
      regex: false,
      patternAsText: false,
      params: paramsAfter(args, urlIndex),
      strayWords: [],
    };
  }
  if (line.name === 'rewriterule' && args.length >= 3 && isProxyFlag(args[2])) {
    const parsed = parseBackendUrl(args[1]);
    if (!parsed) return undefined;
    return { line, kind: 'RewriteRule', url: args[1], urlIndex: 1, parsed, sectionUrl: args[1], regex: true, patternAsText: false, params: [], strayWords: [] };
  }
  return undefined;
}

/** The words of ProxyPass and ProxyPassMatch as mod_proxy.c add_pass takes them. */
function proxyPassOf(line: Placed): Backend | undefined {
  const { args } = line.item;
  const location = pathSection(line);
  let regex = line.name === 'proxypassmatch';
  let path = location ? sectionPattern(location) : undefined;
  let pathIndex: number | undefined;
  let urlIndex = -1;
  const params: Backend['params'] = [];
  const strayWords: number[] = [];
  for (let index = 0; index < args.length; index++) {
    const word = args[index];
    if (path === undefined) {
      if (word === '~' && !regex) regex = true;
      else {
        path = word;
        pathIndex = index;
      }
    } else if (urlIndex < 0) {
      urlIndex = index;
    } else {
      const equals = word.indexOf('=');
      if (equals > 0) params.push({ key: word.slice(0, equals), value: word.slice(equals + 1), index });
      else if (!PROXY_FLAGS.has(word.toLowerCase())) strayWords.push(index);
    }
  }
  // Apache refuses these (proxy/proxypass-args-in-location): no URL, or more than one inside a section.
  if (urlIndex < 0 || path === undefined || (location && strayWords.length > 0)) return undefined;
  // In a section, a pattern with *, ? or [ makes Apache compile the section's path as a regex.
  if (location && hasFnmatchCharacters(path)) regex = true;
  const patternAsText = location !== undefined && isRegexSection(location) && !regex;
  const url = args[urlIndex];
  return {
    line,
    kind: line.name === 'proxypassmatch' ? 'ProxyPassMatch' : 'ProxyPass',
    url,
    urlIndex,
    parsed: parseBackendUrl(url),
    sectionUrl: url,
    path,
    ...(pathIndex !== undefined ? { pathIndex } : {}),
    ...(location ? { location } : {}),
    regex,
    patternAsText,
    params,
    strayWords,
  };
}

function paramsAfter(args: readonly string[], urlIndex: number): Backend['params'] {
  return args.flatMap((word, index) => {
    const equals = word.indexOf('=');
    return index > urlIndex && equals > 0 ? [{ key: word.slice(0, equals), value: word.slice(equals + 1), index }] : [];
  });
}

/** RewriteRule flags with P or proxy: `[P]`, `[L,P,NE]`. */
export function isProxyFlag(flags: string): boolean {
  return /^\[.*\]$/.test(flags) && flags.slice(1, -1).split(',').some((flag) => ['p', 'proxy'].includes(flag.trim().toLowerCase()));
}

/** Whether a <Proxy> or <ProxyMatch> section may apply to requests for `url` (when unsure, it may). */
export function sectionMayMatch(section: LiveSection, url: string): boolean {
  const pattern = sectionPattern(section);
  const candidates = [url, `${url}x`, `${url}/x`];
  if (isRegexSection(section)) {
    const regex = tryRegExp(pattern);
    return !regex || candidates.some((candidate) => regex.test(candidate));
  }
  if (hasFnmatchCharacters(pattern)) return candidates.some((candidate) => fnmatchRegExp(pattern).test(candidate));
  const lower = pattern.toLowerCase();
  const target = url.toLowerCase();
  return target.startsWith(lower) || lower.startsWith(target);
}

/** The host's own lines, outside any section. */
export function ownLines(host: Host, name: string): readonly Placed[] {
  return host.own.get(name) ?? [];
}

/** The last host-level line of a name, taking the server config's when the virtual host has none (mod_ssl and mod_proxy merge so). */
export function hostSetting(proxy: ProxyModel, host: Host, name: string): Placed | undefined {
  return ownLines(host, name).at(-1) ?? (host === proxy.server ? undefined : ownLines(proxy.server, name).at(-1));
}

/**
 * Where a proxy-side setting (SSLProxyEngine, SSLProxyVerify…) comes from for
 * requests to `url` handled by `host`: a <Proxy> section that may match
 * (since 2.4.30; the virtual host's after the server's, the last one
 * winning), else the host, else the server config.
 */
export function proxySetting(proxy: ProxyModel, host: Host, url: string, name: string): Placed | undefined {
  const inSections = (h: Host) => (h.inProxySections.get(name) ?? []).filter((line) => sectionMayMatch(line.within[0], url));
  const matching = [...(host === proxy.server ? [] : inSections(proxy.server)), ...inSections(host)];
  return matching.at(-1) ?? hostSetting(proxy, host, name);
}

/** The hosts whose requests may reach a balancer: those that pass to it, and the one that defines it. */
export function hostsUsing(proxy: ProxyModel, name: string, definedIn: Host): Host[] {
  return [...new Set([definedIn, ...(proxy.balancerUsers.get(name) ?? [])])];
}

/** The TLS backends that send requests somewhere (exclusions and unknown schemes aside). */
export function tlsBackends(proxy: ProxyModel): Backend[] {
  return proxy.backends.filter((backend) => !backend.patternAsText && backend.parsed && TLS_SCHEMES.has(backend.parsed.scheme));
}

/** The hosts whose requests reach a backend: its own, and for a member every host that uses its balancer. */
function hostsReaching(proxy: ProxyModel, backend: Backend): Host[] {
  return backend.kind === 'BalancerMember' ? hostsUsing(proxy, balancerName(backend.sectionUrl), backend.line.host) : [backend.line.host];
}

/** Whether SSLProxyEngine on is in force for a backend's requests; for a member, in some host that uses its balancer. */
export function engineOn(proxy: ProxyModel, backend: Backend): boolean {
  return hostsReaching(proxy, backend).some((host) => isOn(proxySetting(proxy, host, backend.sectionUrl, 'sslproxyengine')));
}

/** A proxy-side setting for a backend's requests: for a member, the first host using its balancer that sets it. */
export function backendSetting(proxy: ProxyModel, backend: Backend, name: string): Placed | undefined {
  for (const host of hostsReaching(proxy, backend)) {
    const line = proxySetting(proxy, host, backend.sectionUrl, name);
    if (line) return line;
  }
  return undefined;
}

/**
 * Whether mod_ssl checks the backend certificate's name (2.4.21 and later):
 * SSLProxyCheckPeerName off, or SSLProxyCheckPeerCN off without an explicit
 * SSLProxyCheckPeerName on, turns every name check off (verified on 2.4.71).
 */
export function nameChecked(proxy: ProxyModel, backend: Backend): boolean {
  const name = backendSetting(proxy, backend, 'sslproxycheckpeername');
  const cn = backendSetting(proxy, backend, 'sslproxycheckpeercn');
  if (name && !isOn(name)) return false;
  return !(cn && !isOn(cn) && !name);
}

/** Where a finding about one word points: that argument, or the directive when ${VAR} changed the word count. */
export function wordRange(line: Placed, index: number): Range {
  const { node, args } = line.item;
  return node.args.length === args.length && node.args[index] ? node.args[index].range : directiveReportRange(node);
}

export function isOn(line: Placed | undefined): boolean {
  return line?.item.args[0]?.toLowerCase() === 'on';
}
