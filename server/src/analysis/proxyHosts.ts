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
import { perModel } from '../config/oncePer';

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
  /**
   * Host-level lines (outside any section) by lower-case name, made on the first
   * lookup in a host of more than OWN_SCANNED lines. A tree has thousands of
   * hosts of a few dozen lines: they are scanned (a map per host took 2.5 MiB
   * at 5000 hosts). Read through ownLines and hostSetting.
   */
  own?: Map<string, Placed | Placed[]>;
  /** Lines directly in a <Proxy> or <ProxyMatch> section, by lower-case name, in order; absent without any. */
  inProxySections?: Map<string, Placed[]>;
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
  params: readonly { key: string; value: string; index: number }[];
  /** Words after the URL without `=` that are not nocanon, interpolate or noquery. */
  strayWords: readonly number[];
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
  /** The placed directives by lower-case name, each list in reading order (see linesNamed). */
  byName: Map<string, Placed[]>;
  /** Every live section (virtual hosts included) with its host, in reading order. */
  sections: { section: LiveSection; host: Host; /** How many directives were read before its open tag. */ order: number }[];
}

const PROXY_FLAGS = new Set(['nocanon', 'interpolate', 'noquery']);
export const proxyModel: (model: ConfigModel) => ProxyModel = perModel(build);

/** The sections around a level of the walk, innermost first, shared by the levels inside. */
interface Chain {
  section: LiveSection;
  outer?: Chain;
}

/** Each kind of place as a bit, so that the kinds around a level are one number. */
const KIND_BITS: Readonly<Record<PlacementKind, number>> = { server: 1, virtualhost: 2, directory: 4, files: 8, location: 16, if: 32, proxy: 64, limit: 128 };
const KINDS = Object.keys(KIND_BITS) as PlacementKind[];
const NO_SECTIONS: readonly LiveSection[] = [];

function build(model: ConfigModel): ProxyModel {
  const server: Host = { lines: [] };
  const virtualHosts: Host[] = [];
  const lines: Placed[] = [];
  const byName = new Map<string, Placed[]>();
  const sections: ProxyModel['sections'] = [];
  const lowerNames = new Map<string, string>();
  const lower = (name: string): string => {
    let known = lowerNames.get(name);
    if (known === undefined) lowerNames.set(name, (known = name.toLowerCase()));
    return known;
  };
  const available = new Map<string, boolean>();
  /** By context (see contextOf), then lower-case name: whether Apache refuses the directive there. */
  const refused = new Map<number, Map<string, boolean>>();
  /** What Apache's context check looks at: host kind, innermost kind, every kind around (a handful at most). */
  const contextOf = (top: 'server' | 'virtualhost', innermost: PlacementKind | undefined, kinds: number): Map<string, boolean> => {
    const key = (top === 'server' ? 0 : 1) + (innermost ? KIND_BITS[innermost] * 2 : 0) + kinds * 512;
    let here = refused.get(key);
    if (!here) refused.set(key, (here = new Map()));
    return here;
  };
  /** One level of the walk: a list of live items, and where they stand. */
  interface Level {
    items: readonly (LiveDirective | LiveSection)[];
    next: number;
    host: Host;
    chain?: Chain;
    top: 'server' | 'virtualhost';
    innermost?: PlacementKind;
    kinds: number;
    refused: Map<string, boolean>;
    /** A <Proxy> or <ProxyMatch> directly in the host. */
    proxySection?: boolean;
    /**
     * The sections around, outermost first, made at the level's first directive: sections can
     * nest thousands deep (hostile input), and levels without directives need no list.
     */
    within?: readonly LiveSection[];
  }
  const levels: Level[] = [{ items: model.tree, next: 0, host: server, top: 'server', kinds: 0, refused: contextOf('server', undefined, 0) }];
  while (levels.length > 0) {
    const level = levels[levels.length - 1];
    if (level.next >= level.items.length) {
      levels.pop();
      continue;
    }
    const item = level.items[level.next++];
    const { host } = level;
    if (item.kind === 'directive') {
      const name = lower(item.name);
      let known = available.get(name);
      if (known === undefined) available.set(name, (known = model.isDirectiveAvailable(item.name) !== false));
      let refusal = level.refused.get(name);
      if (refusal === undefined) level.refused.set(name, (refusal = refusedHere(name, level.innermost ?? level.top, level.kinds)));
      // Apache stops at a directive it does not know, or one it refuses where it stands (mod/unknown-directive
      // and ctx/not-allowed say so): nothing else is to be learnt from it.
      if (!known || refusal) continue;
      level.within ??= withinOf(level.chain);
      const placed: Placed = { item, name, within: level.within, host, order: lines.length };
      host.lines.push(placed);
      lines.push(placed);
      append(byName, name, placed);
      if (level.proxySection) append((host.inProxySections ??= new Map()), name, placed);
      continue;
    }
    sections.push({ section: item, host, order: lines.length });
    const kind = sectionPlacement(lower(item.name));
    if (kind === 'virtualhost' && host === server && !level.chain) {
      const virtualHost: Host = { virtualHost: item, lines: [] };
      virtualHosts.push(virtualHost);
      levels.push({ items: item.children, next: 0, host: virtualHost, top: 'virtualhost', kinds: 0, refused: contextOf('virtualhost', undefined, 0) });
    } else {
      const kinds = kind ? level.kinds | KIND_BITS[kind] : level.kinds;
      const innermost = kind ?? level.innermost;
      const chain = { section: item, outer: level.chain };
      levels.push({ items: item.children, next: 0, host, chain, top: level.top, innermost, kinds, refused: contextOf(level.top, innermost, kinds), proxySection: !level.chain && kind === 'proxy' });
    }
  }
  const backends: Backend[] = [];
  // Hosts of a large tree pass to the same few URLs: each is parsed once.
  const parsedUrls = new Map<string, BackendUrl | undefined>();
  const parse = (url: string): BackendUrl | undefined => {
    if (parsedUrls.has(url)) return parsedUrls.get(url);
    const parsed = parseBackendUrl(url);
    parsedUrls.set(url, parsed);
    return parsed;
  };
  for (const line of lines) {
    const backend = backendOf(line, parse);
    if (backend) backends.push(backend);
  }
  const balancers = new Map<string, Balancer>();
  for (const backend of backends) {
    if (backend.kind !== 'BalancerMember') continue;
    const balancer = balancerNamed(balancers, backend.sectionUrl);
    balancer.members.push(backend);
  }
  for (const line of named(byName, lines, ['proxyset', 'proxypass', 'proxypassmatch'])) {
    const target = lbmethodTarget(line);
    if (target) balancerNamed(balancers, target).lbmethodSet = true;
  }
  const backendsOf = new Map<Host, Backend[]>();
  const balancerUsers = new Map<string, Host[]>();
  const backendByLine = new Map<Placed, Backend>();
  for (const backend of backends) {
    backendByLine.set(backend.line, backend);
    if (backend.kind === 'BalancerMember') continue;
    append(backendsOf, backend.line.host, backend);
    if (/^balancer:\/\//i.test(backend.url)) append(balancerUsers, balancerName(backend.url), backend.line.host);
  }
  // Each host has a backend or two: its list is kept at its size, not with the room push leaves (a tree has thousands).
  for (const [host, list] of backendsOf) backendsOf.set(host, list.slice());
  return { server, virtualHosts, hosts: [server, ...virtualHosts], backends, backendByLine, backendsOf, balancerUsers, balancers, lines, byName, sections };
}

const NO_LINES: readonly Placed[] = [];

/**
 * The placed directives named one of `names` (lower case), in reading order:
 * rules that look at a few names do not walk every line of the tree.
 */
export function linesNamed(proxy: ProxyModel, ...names: string[]): readonly Placed[] {
  return named(proxy.byName, proxy.lines, names);
}

function named(byName: ProxyModel['byName'], lines: readonly Placed[], names: readonly string[]): readonly Placed[] {
  const groups: Placed[][] = [];
  let count = 0;
  for (const name of names) {
    const group = byName.get(name);
    if (!group) continue;
    groups.push(group);
    count += group.length;
  }
  if (groups.length <= 1) return groups[0] ?? NO_LINES;
  // Each group is in reading order: the places, sorted as numbers (no comparator to call), give the merged order.
  const orders = new Int32Array(count);
  let next = 0;
  for (const group of groups) for (let i = 0; i < group.length; i++) orders[next++] = group[i].order;
  orders.sort();
  const found: Placed[] = [];
  for (let i = 0; i < count; i++) found.push(lines[orders[i]]);
  return found;
}

/** The sections of a chain, outermost first. */
function withinOf(chain: Chain | undefined): readonly LiveSection[] {
  if (!chain) return NO_SECTIONS;
  // Made at its size: a list grown by push keeps room for 17, and a tree has one list per section with directives.
  let depth = 0;
  for (let link: Chain | undefined = chain; link; link = link.outer) depth++;
  const sections = new Array<LiveSection>(depth);
  for (let link: Chain | undefined = chain; link; link = link.outer) sections[--depth] = link.section;
  return sections;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Whether Apache refuses the directive in its context (ctx/not-allowed says so): ProxyPass in <Directory>, say. */
function refusedHere(name: string, innermost: PlacementKind, kinds: number): boolean {
  const fact = defaultDirectiveIndex().lookup(name);
  const placements = fact && placementsOf(fact);
  if (!placements) return false;
  return !placements[innermost] || KINDS.some((kind) => (kinds & KIND_BITS[kind]) !== 0 && !placements[kind]);
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

/**
 * The innermost section that sets Apache's cmd->path for a line, if any: a
 * <Location>, <Proxy>, <Directory> or <Files> (and their Match forms). ProxyPass
 * stands in the first two only (ctx/not-allowed); a BalancerMember takes its
 * balancer name from any of them (verified on 2.4.71).
 */
export function pathSection(line: Placed): LiveSection | undefined {
  for (let i = line.within.length - 1; i >= 0; i--) {
    const kind = sectionPlacement(line.within[i].name);
    if (kind === 'location' || kind === 'proxy' || kind === 'directory' || kind === 'files') return line.within[i];
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

const NO_PARAMS: Backend['params'] = [];
const NO_WORDS: readonly number[] = [];

function backendOf(line: Placed, parse: (url: string) => BackendUrl | undefined): Backend | undefined {
  const { args } = line.item;
  if (line.name === 'proxypass' || line.name === 'proxypassmatch') return proxyPassOf(line, parse);
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
      parsed: parse(args[urlIndex]),
      sectionUrl: balancer,
      regex: false,
      patternAsText: false,
      params: paramsAfter(args, urlIndex),
      strayWords: NO_WORDS,
    };
  }
  if (line.name === 'rewriterule' && args.length >= 3 && isProxyFlag(args[2])) {
    const parsed = parse(args[1]);
    if (!parsed) return undefined;
    return { line, kind: 'RewriteRule', url: args[1], urlIndex: 1, parsed, sectionUrl: args[1], regex: true, patternAsText: false, params: NO_PARAMS, strayWords: NO_WORDS };
  }
  return undefined;
}

/** The words of ProxyPass and ProxyPassMatch as mod_proxy.c add_pass takes them. */
function proxyPassOf(line: Placed, parse: (url: string) => BackendUrl | undefined): Backend | undefined {
  const { args } = line.item;
  const location = pathSection(line);
  let regex = line.name === 'proxypassmatch';
  let path = location ? sectionPattern(location) : undefined;
  let pathIndex: number | undefined;
  let urlIndex = -1;
  // Most lines have neither: the lists are made at the first word that needs one.
  let params: { key: string; value: string; index: number }[] | undefined;
  let strayWords: number[] | undefined;
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
      if (equals > 0) (params ??= []).push({ key: word.slice(0, equals), value: word.slice(equals + 1), index });
      else if (!PROXY_FLAGS.has(word.toLowerCase())) (strayWords ??= []).push(index);
    }
  }
  // Apache refuses these (proxy/proxypass-args-in-location): no URL, or more than one inside a section.
  if (urlIndex < 0 || path === undefined || (location && strayWords)) return undefined;
  // In a section, a pattern with *, ? or [ makes Apache compile the section's path as a regex.
  if (location && hasFnmatchCharacters(path)) regex = true;
  const patternAsText = location !== undefined && isRegexSection(location) && !regex;
  const url = args[urlIndex];
  const backend: Backend = {
    line,
    kind: line.name === 'proxypassmatch' ? 'ProxyPassMatch' : 'ProxyPass',
    url,
    urlIndex,
    parsed: parse(url),
    sectionUrl: url,
    path,
    regex,
    patternAsText,
    params: params ?? NO_PARAMS,
    strayWords: strayWords ?? NO_WORDS,
  };
  if (pathIndex !== undefined) backend.pathIndex = pathIndex;
  if (location) backend.location = location;
  return backend;
}

function paramsAfter(args: readonly string[], urlIndex: number): Backend['params'] {
  let params: { key: string; value: string; index: number }[] | undefined;
  for (let index = urlIndex + 1; index < args.length; index++) {
    const equals = args[index].indexOf('=');
    if (equals > 0) (params ??= []).push({ key: args[index].slice(0, equals), value: args[index].slice(equals + 1), index });
  }
  return params ?? NO_PARAMS;
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

/** A host with more lines than this gets an index of its own lines by name; smaller ones are scanned. */
const OWN_SCANNED = 64;

function ownIndex(host: Host): Map<string, Placed | Placed[]> | undefined {
  if (host.own || host.lines.length <= OWN_SCANNED) return host.own;
  const own = new Map<string, Placed | Placed[]>();
  for (const line of host.lines) {
    if (line.within.length > 0) continue;
    const known = own.get(line.name);
    if (known === undefined) own.set(line.name, line);
    else if (Array.isArray(known)) known.push(line);
    else own.set(line.name, [known, line]);
  }
  return (host.own = own);
}

/** The host's own lines, outside any section. */
export function ownLines(host: Host, name: string): readonly Placed[] {
  const index = ownIndex(host);
  if (index) {
    const own = index.get(name);
    return own === undefined ? NO_LINES : Array.isArray(own) ? own : [own];
  }
  let found: Placed[] | undefined;
  for (const line of host.lines) if (line.within.length === 0 && line.name === name) (found ??= []).push(line);
  return found ?? NO_LINES;
}

/** The host's last host-level line of a name. */
function lastOwn(host: Host, name: string): Placed | undefined {
  const index = ownIndex(host);
  if (index) {
    const own = index.get(name);
    return Array.isArray(own) ? own[own.length - 1] : own;
  }
  for (let i = host.lines.length - 1; i >= 0; i--) {
    const line = host.lines[i];
    if (line.within.length === 0 && line.name === name) return line;
  }
  return undefined;
}

/** The last host-level line of a name, taking the server config's when the virtual host has none (mod_ssl and mod_proxy merge so). */
export function hostSetting(proxy: ProxyModel, host: Host, name: string): Placed | undefined {
  return lastOwn(host, name) ?? (host === proxy.server ? undefined : lastOwn(proxy.server, name));
}

/**
 * Where a proxy-side setting (SSLProxyEngine, SSLProxyVerify…) comes from for
 * requests to `url` handled by `host`: a <Proxy> section that may match
 * (since 2.4.30; the virtual host's after the server's, the last one
 * winning), else the host, else the server config.
 */
export function proxySetting(proxy: ProxyModel, host: Host, url: string, name: string): Placed | undefined {
  const inSections = (h: Host) => (h.inProxySections?.get(name) ?? []).filter((line) => sectionMayMatch(line.within[0], url));
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
