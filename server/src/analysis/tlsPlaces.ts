// Where the lines the ssl/* rules look at stand in one file: in which
// <VirtualHost> (or the main server), and in which per-directory section, if
// any. Included content stands where its Include line does. Found once per
// analysis (keyed by scope, which one analysis shares among its rules), on
// live lines only.
import { CONDITIONAL_SECTIONS } from '../config/evaluateCondition';
import { sectionPlacement } from '../knowledge/sectionPlacement';
import type { DirectiveNode, Node, SectionNode } from '../parser/ast';
import { wordsOf, type FileScope } from './fileScope';
import { liveDirectivesMaybeNamed } from './liveNodes';
import type { RuleContext } from './types';
import { treeTls, type HostTls } from './hostTls';

/** Bodies Apache stores as templates and checks only where they are used. */
const TEMPLATE_SECTIONS = new Set(['macro', 'authnprovideralias', 'authzprovideralias', 'mdomainset', 'mdomain']);

const NAMES = [
  'sslverifyclient',
  'sslverifydepth',
  'sslciphersuite',
  'sslcacertificatefile',
  'sslcacertificatepath',
  'sslproxyverify',
  'sslproxyverifydepth',
  'sslrequire',
  'sslrequiressl',
  'sslrenegbuffersize',
  'require',
];

export interface Place {
  /** The enclosing <VirtualHost>; absent in the server config. */
  virtualHost?: SectionNode;
  /** The innermost <Directory>, <Location>, <Files>, <If> or <Proxy> (or a Match, ElseIf, Else form). */
  perDirectory?: SectionNode;
  /** Every enclosing per-directory section, outermost first. */
  perDirectorySections: SectionNode[];
  /** In a .htaccess file, whose top level is per-directory context. */
  inHtaccess: boolean;
  /** Inside <Proxy> or <ProxyMatch>. */
  inProxy: boolean;
}

export interface TlsLine {
  node: DirectiveNode;
  /** Lower-case, after ${VAR} substitution. */
  name: string;
  /** After ${VAR} substitution, quotes removed. */
  args: readonly string[];
  place: Place;
}

type FileContext = Pick<RuleContext, 'file' | 'scope' | 'inHtaccess'>;

const cache = new WeakMap<FileScope, readonly TlsLine[]>();

/** The live mod_ssl client-side lines (and Require lines) of the file, with their places, in file order. */
export function tlsLines(context: FileContext): readonly TlsLine[] {
  let lines = cache.get(context.scope);
  if (!lines) {
    lines = findLines(context);
    cache.set(context.scope, lines);
  }
  return lines;
}

function findLines({ file, scope, inHtaccess }: FileContext): TlsLine[] {
  const lines: TlsLine[] = [];
  for (const node of liveDirectivesMaybeNamed(file, scope, NAMES)) {
    const words = wordsOf(scope, node);
    const name = words.name.toLowerCase();
    if (!NAMES.includes(name)) continue;
    const place = placeOf(node, scope, inHtaccess);
    if (place) lines.push({ node, name, args: words.args, place });
  }
  return lines;
}

/** Where `node` stands; undefined inside a template body, where no place applies yet. */
export function placeOf(node: Node, scope: FileScope, inHtaccess: boolean): Place | undefined {
  const inFile: SectionNode[] = [];
  for (let parent = node.parent; parent.kind === 'section'; parent = parent.parent) inFile.push(parent);
  const place: Place = { perDirectorySections: [], inHtaccess, inProxy: false };
  for (const section of [...scope.enclosing, ...inFile.reverse()]) {
    if (TEMPLATE_SECTIONS.has(section.name.toLowerCase())) return undefined;
    const kind = sectionPlacement(section.name);
    if (kind === 'virtualhost') {
      place.virtualHost = section;
    } else if (kind && kind !== 'limit') {
      place.perDirectory = section;
      place.perDirectorySections.push(section);
      if (kind === 'proxy') place.inProxy = true;
    }
  }
  return place;
}

export function isPerDirectory(place: Place): boolean {
  return place.perDirectory !== undefined || place.inHtaccess;
}

/**
 * The host whose handshake serves requests at `place`: its <VirtualHost>, or
 * the main server for the server config. Undefined where it cannot be known:
 * in a .htaccess file, or in a virtual host the model does not read.
 */
export function hostAt(scope: FileScope, place: Place): HostTls | undefined {
  if (place.inHtaccess) return undefined;
  const tree = treeTls(scope.model);
  return place.virtualHost ? tree.byNode.get(place.virtualHost) : tree.server;
}

/** `<Location /secure>`, or `.htaccess` at the top of one. */
export function describePlace(place: Place): string {
  return place.perDirectory ? describeSection(place.perDirectory) : '.htaccess';
}

export function describeSection(section: SectionNode): string {
  return `<${[section.name, ...section.args.map((arg) => arg.raw)].join(' ')}>`;
}

/** What a quick fix needs to know about the per-directory section: its kind and its path or pattern. */
export function sectionData(place: Place): { kind: string; name: string } {
  const section = place.perDirectory;
  return section ? { kind: section.name, name: section.words.join(' ') } : { kind: '.htaccess', name: '' };
}

/** `this virtual host` or `the main server`, for messages; capitalized to start a sentence. */
export function hostName(host: HostTls, capitalized = false): string {
  const name = host.virtualHost ? 'this virtual host' : 'the main server';
  return capitalized ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

/** A live line of a section: a directive, or a section that is not a level of its own (<Limit>, <RequireAll>) with its lines. */
export interface SectionLine {
  /** Lower-case, after ${VAR} substitution. */
  name: string;
  args: readonly string[];
  node: DirectiveNode | SectionNode;
  children?: SectionLine[];
}

/**
 * The live lines of a section of this file, true conditional sections opened
 * (their bodies are the section's own lines), nested levels (<Location> in
 * <Directory> is refused anyway, <If> is merged later) left out.
 */
export function sectionLines(scope: FileScope, section: SectionNode): SectionLine[] {
  const read = (nodes: readonly Node[]): SectionLine[] =>
    nodes.flatMap((node): SectionLine[] => {
      if (node.kind !== 'directive' && node.kind !== 'section') return [];
      const words = wordsOf(scope, node);
      const name = words.name.toLowerCase();
      if (node.kind === 'directive') return [{ name, args: words.args, node }];
      if (scope.isDead(node)) return [];
      if (CONDITIONAL_SECTIONS.has(name)) return read(node.children);
      const kind = sectionPlacement(name);
      return kind && kind !== 'limit' ? [] : [{ name, args: words.args, node, children: read(node.children) }];
    });
  return read(section.children);
}

/** The lines and the lines of their sections, in order. */
export function flattenLines(lines: readonly SectionLine[]): SectionLine[] {
  return lines.flatMap((line) => [line, ...flattenLines(line.children ?? [])]);
}

/** The per-directory sections around `place` that stand in this file, innermost first. */
export function sectionsInFile(scope: FileScope, place: Place): SectionNode[] {
  return place.perDirectorySections.filter((section) => !scope.enclosing.includes(section)).reverse();
}
