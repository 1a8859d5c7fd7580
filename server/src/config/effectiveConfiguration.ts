// What is in force at one place of the configuration, merged the way Apache
// merges it for a request there: the server config, then the enclosing
// <VirtualHost>, then the per-directory sections in Apache's order
// (manual sections.html "How the sections are merged"; core.c
// merge_core_server_configs and ap_core_reorder_directories). Each directive
// is marked when a later one replaces it. Sections a request could match but
// that do not enclose the position are included only where the match is
// certain: <Location> and <Directory> whose path is a prefix of the
// enclosing one's.
import { posix } from 'node:path';
import { defaultDirectiveIndex, type DirectiveIndex, type PlacementKind } from '../knowledge/directiveIndex';
import { sectionPlacement } from '../knowledge/sectionPlacement';
import type { Position, Range, SectionNode } from '../parser/ast';
import { contains } from '../parser/nodeAt';
import { NO_DEAD_SECTIONS, type ConfigModel, type LiveItem, type LiveSection } from './buildConfigModel';

/** Where merged settings come from; <Limit> is not a level, its content belongs to the section around it. */
export type Level = Exclude<PlacementKind, 'limit'>;

export interface Origin {
  path: string;
  /** 0-based, as the syntax tree counts; for a section, its open tag. */
  range: Range;
}

export interface EffectiveDirective {
  name: string;
  /** After ${VAR} substitution, quotes removed. */
  args: readonly string[];
  origin: Origin;
  /** Present for a section listed with its content (<RequireAll>, <Limit>): its live lines. */
  children?: EffectiveDirective[];
  /** The later directive that replaces this one. */
  overriddenBy?: Origin;
  /** Why this server-config directive does not reach the virtual host. */
  notInherited?: string;
}

export interface EffectiveSection {
  name: string;
  args: readonly string[];
  origin: Origin;
}

export interface EffectiveLevel {
  level: Level;
  /** The section the directives come from; absent for the server config. */
  section?: EffectiveSection;
  /** 'byPrefix': the section does not enclose the position, but its path is a prefix of one that does. */
  applies: 'encloses' | 'byPrefix';
  directives: EffectiveDirective[];
}

export interface EffectiveConfiguration {
  mainPath: string;
  path: string;
  position: Position;
  /** False when no live line of `path` is read from mainPath; levels is then empty. */
  inTree: boolean;
  virtualHost?: EffectiveSection;
  /** In merge order: the server config, the virtual host, then per-directory sections. */
  levels: EffectiveLevel[];
  /** A conditional section around the position that Apache skips: what is listed does not reach its body. */
  skippedSection?: EffectiveSection;
}


export function effectiveConfiguration(model: ConfigModel, path: string, position: Position): EffectiveConfiguration {
  const around = sectionsAround(model.tree, path, position);
  const skipped = skippedSectionAt(model, path, position);
  const base = { mainPath: model.mainPath, path, position, ...(skipped && { skippedSection: describeNode(skipped, path) }) };
  if (!around) return { ...base, inTree: false, levels: [] };

  const server = contentOf(model.tree);
  const levels: EffectiveLevel[] = [{ level: 'server', applies: 'encloses', directives: server }];
  const virtualHost = around.find((section) => levelOf(section) === 'virtualhost');
  if (virtualHost) {
    const own = contentOf(virtualHost.children);
    markNotInherited(server, own, virtualHost.args);
    levels.push({ level: 'virtualhost', section: describe(virtualHost), applies: 'encloses', directives: own });
  }
  for (const { section, level, applies } of perDirectorySections(model.tree, around, virtualHost)) {
    levels.push({ level, section: describe(section), applies, directives: contentOf(section.children) });
  }
  markOverrides(levels, defaultDirectiveIndex());
  return { ...base, inTree: true, ...(virtualHost && { virtualHost: describe(virtualHost) }), levels };
}

function levelOf(section: LiveSection): Level | undefined {
  const kind = sectionPlacement(section.name);
  // <Limit> restricts methods inside a level; it is not a level of its own.
  return kind === 'limit' ? undefined : kind;
}

/**
 * The live sections around `position`, outermost first: those of the first
 * read of `path` whose range holds it, innermost included, or where the file
 * was included when no section of it does. Undefined when no live line comes from `path`.
 */
function sectionsAround(tree: readonly LiveItem[], path: string, position: Position): LiveSection[] | undefined {
  interface Chain {
    section: LiveSection;
    outer?: Chain;
  }
  let found: { chain?: Chain } | undefined;
  const pending: { item: LiveItem; outer?: Chain }[] = [...tree].reverse().map((item) => ({ item }));
  while (pending.length > 0) {
    const { item, outer } = pending.pop() as (typeof pending)[number];
    const holds = item.path === path && item.kind === 'section' && contains(item.node.range, position);
    if (item.path === path) found ??= { chain: outer };
    if (item.kind !== 'section') continue;
    const chain = { section: item, outer };
    if (holds) {
      found = { chain };
      // The first section that holds the position wins: look no further than inside it.
      pending.length = 0;
    }
    for (let i = item.children.length - 1; i >= 0; i--) pending.push({ item: item.children[i], outer: chain });
  }
  if (!found) return undefined;
  const sections: LiveSection[] = [];
  for (let link = found.chain; link; link = link.outer) sections.push(link.section);
  return sections.reverse();
}

/** The outermost conditional section of `path` that Apache skips every time and that holds the position. */
function skippedSectionAt(model: ConfigModel, path: string, position: Position): SectionNode | undefined {
  const dead = model.files.get(path)?.deadSections ?? NO_DEAD_SECTIONS;
  let outermost: SectionNode | undefined;
  for (const section of dead) {
    if (contains(section.range, position) && (!outermost || contains(section.range, outermost.range.start))) outermost = section;
  }
  return outermost;
}

interface Applying {
  section: LiveSection;
  level: Level;
  applies: EffectiveLevel['applies'];
}

/**
 * The per-directory sections that apply, in merge order. Apache appends the
 * virtual host's <Directory> and <Location> sections to the server's
 * (core.c merge_core_server_configs), so in each group the server's come first.
 */
function perDirectorySections(tree: readonly LiveItem[], around: readonly LiveSection[], virtualHost: LiveSection | undefined): Applying[] {
  const scopes = [tree, ...(virtualHost ? [virtualHost.children] : [])];
  const applying: Applying[] = around.flatMap((section) => {
    const level = levelOf(section);
    return level && level !== 'virtualhost' ? [{ section, level, applies: 'encloses' as const }] : [];
  });
  for (const { section, level } of [...applying]) {
    const path = plainPath(section);
    if (path === undefined || (level !== 'directory' && level !== 'location')) continue;
    const isPrefix = level === 'directory' ? isDirectoryPrefix : isLocationPrefix;
    for (const candidate of scopes.flat()) {
      if (candidate.kind !== 'section' || candidate === section || candidate.name.toLowerCase() !== section.name.toLowerCase()) continue;
      const prefix = plainPath(candidate);
      if (prefix !== undefined && !hasWildcard(prefix) && isPrefix(prefix, path)) applying.push({ section: candidate, level, applies: 'byPrefix' });
    }
  }
  const order = preorder(tree);
  // Everything around the position is inside the virtual host when there is one.
  const inVirtualHost = new Set(virtualHost ? [...virtualHost.children, ...around] : []);
  const key = ({ section, level }: Applying): number[] => [
    mergeGroup(section, level),
    level === 'directory' ? directoryDepth(section) : 0,
    inVirtualHost.has(section) ? 1 : 0,
    order.get(section) ?? 0,
  ];
  return applying.sort((a, b) => compareKeys(key(a), key(b)));
}

/** The groups Apache merges one after the other; <Proxy> takes <Directory>'s place for proxied requests. */
function mergeGroup(section: LiveSection, level: Level): number {
  switch (level) {
    case 'directory':
      // <Directory ~> and <DirectoryMatch> after every plain <Directory>.
      return plainPath(section) === undefined ? 1 : 0;
    case 'proxy':
      return 1;
    case 'files':
      return 2;
    case 'location':
      return 3;
    default:
      return 4;
  }
}

/** The path of a <Directory> or <Location> that is not a regular expression; undefined otherwise. */
function plainPath(section: LiveSection): string | undefined {
  const name = section.name.toLowerCase();
  if ((name !== 'directory' && name !== 'location') || section.args.length === 0 || section.args[0] === '~') return undefined;
  return section.args[0];
}

function hasWildcard(path: string): boolean {
  return /[*?[]/.test(path);
}

/** Apache compares <Directory> paths canonical and with a trailing slash; "/" sorts first. */
function canonicalDirectory(path: string): string {
  const normal = posix.normalize(path);
  return normal.endsWith('/') ? normal : `${normal}/`;
}

function isDirectoryPrefix(prefix: string, path: string): boolean {
  return canonicalDirectory(path).startsWith(canonicalDirectory(prefix));
}

/** request.c ap_location_walk: "/a" matches "/a", "/a/…", not "/ab"; "/a/" only "/a/…". */
function isLocationPrefix(prefix: string, path: string): boolean {
  return path.startsWith(prefix) && (prefix.endsWith('/') || path.length === prefix.length || path[prefix.length] === '/');
}

/** ap_core_reorder_directories: shortest first, counted in slashes, "/" as 0. */
function directoryDepth(section: LiveSection): number {
  const path = plainPath(section);
  if (path === undefined) return 0;
  const canonical = canonicalDirectory(path);
  return canonical === '/' ? 0 : canonical.split('/').length - 1;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Every live section numbered in configuration order. */
function preorder(tree: readonly LiveItem[]): Map<LiveSection, number> {
  const order = new Map<LiveSection, number>();
  const pending = [...tree].reverse();
  while (pending.length > 0) {
    const item = pending.pop() as LiveItem;
    if (item.kind !== 'section') continue;
    order.set(item, order.size);
    for (let i = item.children.length - 1; i >= 0; i--) pending.push(item.children[i]);
  }
  return order;
}

/** A level's own lines: directives, and sections that are not levels listed whole; nested levels are their own. */
function contentOf(items: readonly LiveItem[]): EffectiveDirective[] {
  const content: EffectiveDirective[] = [];
  const pending: { item: LiveItem; into: EffectiveDirective[] }[] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item.kind === 'directive' || !levelOf(item)) pending.push({ item, into: content });
  }
  while (pending.length > 0) {
    const { item, into } = pending.pop() as (typeof pending)[number];
    const entry: EffectiveDirective = { name: item.name, args: item.args, origin: originOf(item) };
    into.push(entry);
    if (item.kind !== 'section') continue;
    entry.children = [];
    for (let i = item.children.length - 1; i >= 0; i--) pending.push({ item: item.children[i], into: entry.children });
  }
  return content;
}

function originOf(item: LiveItem): Origin {
  return { path: item.path, range: item.kind === 'section' ? item.node.open.range : item.node.range };
}

function describe(section: LiveSection): EffectiveSection {
  return { name: section.name, args: section.args, origin: originOf(section) };
}

function describeNode(section: SectionNode, path: string): EffectiveSection {
  return { name: section.name, args: section.words, origin: { path, range: section.open.range } };
}

/**
 * Server-config directives a virtual host does not take from the server even
 * when it sets none of its own.
 */
function markNotInherited(server: EffectiveDirective[], virtualHost: EffectiveDirective[], addresses: readonly string[]): void {
  const has = (entries: EffectiveDirective[], name: string) => entries.some((entry) => entry.name.toLowerCase() === name);
  // vhost.c: a host with a specific address and no ServerName is named by a DNS lookup of that address.
  const named = has(virtualHost, 'servername') || addresses.some(isWildcardAddress);
  // mod_rewrite config_server_merge: rules and maps are the host's own unless RewriteOptions says to inherit.
  const serverOptions = rewriteOptions(server);
  const hostOptions = has(virtualHost, 'rewriteoptions') ? rewriteOptions(virtualHost) : serverOptions;
  const rewritesInherited =
    hostOptions.has('inherit') ||
    hostOptions.has('inheritbefore') ||
    ((serverOptions.has('inheritdown') || serverOptions.has('inheritdownbefore')) && !hostOptions.has('ignoreinherit'));
  for (const entry of server) {
    const name = entry.name.toLowerCase();
    if (name === 'servername' && !named) {
      entry.notInherited = 'a virtual host with a specific address and no ServerName of its own is named by a DNS lookup of that address';
    } else if (REWRITE_RULES.has(name) && !rewritesInherited) {
      entry.notInherited = 'rewrite rules and maps of the server config reach a virtual host only with RewriteOptions Inherit';
    }
  }
}

const REWRITE_RULES = new Set(['rewriterule', 'rewritecond', 'rewritemap']);

/** `*`, `_default_` and the any-addresses: vhost.c treats these as default addresses. */
function isWildcardAddress(address: string): boolean {
  const host = address.startsWith('[') ? address.slice(0, address.indexOf(']') + 1) : address.split(':')[0];
  return ['*', '_default_', '0.0.0.0', '[::]'].includes(host);
}

function rewriteOptions(entries: EffectiveDirective[]): Set<string> {
  return new Set(entries.filter((entry) => entry.name.toLowerCase() === 'rewriteoptions').flatMap((entry) => entry.args.map((arg) => arg.toLowerCase())));
}

/**
 * How a later directive of the same family treats an earlier one.
 * - replace: the last one wins (with `key`, the last one for the same key; with `relative`, a line of only +/- words adjusts instead).
 * - accumulate: all are in force.
 * - replaceBySection: lines of one section add up; a later section that sets any replaces the earlier sections' lines.
 * - replaceByPosition: lines of one section add up; a later section's n-th line replaces an earlier one's n-th.
 */
interface MergeRule {
  kind: 'replace' | 'accumulate' | 'replaceBySection' | 'replaceByPosition';
  /** Directives that set the same thing (Require and <RequireAll>). */
  family?: string;
  key?: (args: readonly string[]) => string;
  relative?: boolean;
}

const REPLACE: MergeRule = { kind: 'replace' };
const ACCUMULATE: MergeRule = { kind: 'accumulate' };
const AUTHORIZATION: MergeRule = { kind: 'replaceBySection', family: 'require' };
const BY_FIRST_WORD: MergeRule = { kind: 'replace', key: (args) => args[0] ?? '' };
const BY_PROTOCOL: MergeRule = { kind: 'replace', key: (args) => (args.length > 1 ? args[0].toLowerCase() : 'ssl') };

/**
 * Where the argument count misleads. By default a directive that takes one
 * value (flag, or take with at most one argument) is replaced by a later one;
 * every other is kept, as its merge cannot be told from its arguments.
 */
const MERGE_EXCEPTIONS: Record<string, MergeRule> = {
  // mod_authz_core: a section with its own authorization replaces the earlier ones unless it says AuthMerging And/Or.
  require: AUTHORIZATION,
  requireall: AUTHORIZATION,
  requireany: AUTHORIZATION,
  requirenone: AUTHORIZATION,
  // mod_dir: names add up within a section; a later section's list replaces the earlier one.
  directoryindex: { kind: 'replaceBySection' },
  // core: Protocols lines add up within a host; the virtual host's list replaces the server's.
  protocols: { kind: 'replaceBySection' },
  // mod_rewrite: words add up within a section; a later section's set replaces the earlier one.
  rewriteoptions: { kind: 'replaceBySection' },
  // +/- words adjust the inherited set; a plain list replaces it.
  options: { kind: 'replace', relative: true },
  ssloptions: { kind: 'replace', relative: true },
  // One list of words per line, each line starting afresh: the last line wins.
  allowoverride: REPLACE,
  allowoverridelist: REPLACE,
  sslprotocol: REPLACE,
  sslproxyprotocol: REPLACE,
  // The optional first word (SSL or TLSv1.3) says which of two cipher lists the line sets.
  sslciphersuite: BY_PROTOCOL,
  sslproxyciphersuite: BY_PROTOCOL,
  // One value per variable or status code: the last line for the same one wins.
  setenv: BY_FIRST_WORD,
  errordocument: BY_FIRST_WORD,
  // mod_ssl: one certificate and key per key type; the virtual host's n-th file replaces the server's n-th (PR 56306).
  sslcertificatefile: { kind: 'replaceByPosition' },
  sslcertificatekeyfile: { kind: 'replaceByPosition' },
  // One word, but each line adds: another variable, macro, log, pattern or path.
  undefine: ACCUMULATE,
  undefmacro: ACCUMULATE,
  transferlog: ACCUMULATE,
  substitute: ACCUMULATE,
  inputsed: ACCUMULATE,
  outputsed: ACCUMULATE,
  cachedisable: ACCUMULATE,
  sessioninclude: ACCUMULATE,
  sessionexclude: ACCUMULATE,
};

function mergeRuleOf(entry: EffectiveDirective, directives: DirectiveIndex): MergeRule {
  const exception = MERGE_EXCEPTIONS[entry.name.toLowerCase()];
  if (exception) return exception;
  // A section listed whole (<Limit>, <Macro>) is not a setting of its own.
  if (entry.children) return ACCUMULATE;
  const args = directives.lookup(entry.name)?.arguments;
  return args && (args.kind === 'flag' || args.kind === 'none' || (args.kind === 'take' && args.max === 1)) ? REPLACE : ACCUMULATE;
}

interface RuledEntry {
  entry: EffectiveDirective;
  /** Index of its level in merge order. */
  level: number;
  rule: MergeRule;
  family: string;
}

/** Sets overriddenBy on every directive a later one replaces, to the one finally in force. */
function markOverrides(levels: EffectiveLevel[], directives: DirectiveIndex): void {
  const byKind = new Map<MergeRule['kind'], RuledEntry[]>();
  levels.forEach((level, index) => {
    for (const entry of level.directives) {
      const rule = mergeRuleOf(entry, directives);
      append(byKind, rule.kind, { entry, level: index, rule, family: rule.family ?? entry.name.toLowerCase() });
    }
  });
  markReplaced(byKind.get('replace') ?? []);
  for (const family of byFamily(byKind.get('replaceBySection') ?? [])) markReplacedBySection(family, levels);
  for (const family of byFamily(byKind.get('replaceByPosition') ?? [])) markReplacedByPosition(family);
}

function byFamily(entries: readonly RuledEntry[]): RuledEntry[][] {
  const families = new Map<string, RuledEntry[]>();
  for (const ruled of entries) append(families, ruled.family, ruled);
  return [...families.values()];
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function markReplaced(entries: readonly RuledEntry[]): void {
  const inForce = new Map<string, Origin>();
  for (let i = entries.length - 1; i >= 0; i--) {
    const { entry, rule, family } = entries[i];
    const key = `${family}\0${rule.key?.(entry.args) ?? ''}`;
    const later = inForce.get(key);
    if (later) entry.overriddenBy = later;
    else if (!(rule.relative && entry.args.length > 0 && entry.args.every((arg) => /^[+-]/.test(arg)))) inForce.set(key, entry.origin);
  }
}

/** One family, in merge order: the first line of the last section that replaces the earlier ones replaces them. */
function markReplacedBySection(entries: readonly RuledEntry[], levels: readonly EffectiveLevel[]): void {
  let replacing: RuledEntry | undefined;
  for (let i = entries.length - 1; i >= 0; i--) {
    const ruled = entries[i];
    if (replacing && ruled.level < replacing.level) ruled.entry.overriddenBy = replacing.entry.origin;
    else if (!(ruled.family === 'require' && mergesAuthorization(levels[ruled.level]))) replacing = ruled;
  }
}

/** One family, in merge order: a later section's n-th line replaces an earlier section's n-th. */
function markReplacedByPosition(entries: readonly RuledEntry[]): void {
  const inForce: Origin[] = [];
  const latestFirst = [...new Set(entries.map((ruled) => ruled.level))].reverse();
  for (const level of latestFirst) {
    entries
      .filter((ruled) => ruled.level === level)
      .forEach(({ entry }, n) => {
        if (inForce[n]) entry.overriddenBy = inForce[n];
        else inForce[n] = entry.origin;
      });
  }
}

/** AuthMerging And/Or joins a section's authorization to the earlier one instead of replacing it. */
function mergesAuthorization(level: EffectiveLevel): boolean {
  const setting = level.directives.filter((entry) => entry.name.toLowerCase() === 'authmerging').at(-1);
  return setting !== undefined && ['and', 'or'].includes(setting.args[0]?.toLowerCase() ?? '');
}
