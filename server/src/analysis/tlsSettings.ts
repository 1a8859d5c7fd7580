// What the TLS rules share: SSLProtocol read the way mod_ssl reads it
// (ssl_engine_config.c ssl_cmd_protocol_parse), which TLS settings are in
// force for the host a line belongs to (its <VirtualHost>'s own, else the
// server config's, Includes followed: one index of each host's lines per
// model, which ssl/* rules share), and how weak a cipher suite is.
import type { ConfigModel, LiveDirective, LiveItem, LiveSection } from '../config/buildConfigModel';
import { sectionPlacement } from '../knowledge/sectionPlacement';
import type { ConfigFile, DirectiveNode, Node, SectionNode } from '../parser/ast';
import type { CipherSuite } from './expandCipherString';
import type { FileScope } from './fileScope';
import { liveDirectivesNamed } from './liveNodes';
import { perModel } from '../config/oncePer';

/**
 * Each live directive of the file named one of `names` (lower case) whose
 * module Apache may have. Where it surely has not, the line is
 * mod/unknown-directive's: Apache refuses it before anything else matters.
 */
export function forEachLiveDirective(file: ConfigFile, scope: FileScope, names: readonly string[], visit: (node: DirectiveNode) => void): void {
  for (const node of liveDirectivesNamed(file, scope, names)) {
    if (scope.model.isDirectiveAvailable(node.name) !== false) visit(node);
  }
}

/** The first word of a directive, lower case (`on`, `optional`), or '' without one. */
export function firstWord(node: DirectiveNode): string {
  return node.args[0]?.value.toLowerCase() ?? '';
}

export type Protocol = 'SSLv3' | 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** `all` on an OpenSSL without SSLv3 (Debian's, OpenSSL 3): mod_ssl's SSL_PROTOCOL_ALL. */
export const ALL_PROTOCOLS: readonly Protocol[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
/** SSLProtocol's default since 2.4.17, `all -SSLv3`. */
export const DEFAULT_PROTOCOLS: ReadonlySet<Protocol> = new Set(ALL_PROTOCOLS);

const WORDS: Record<string, Protocol | 'all' | 'SSLv2'> = {
  all: 'all',
  sslv2: 'SSLv2',
  sslv3: 'SSLv3',
  tlsv1: 'TLSv1',
  'tlsv1.1': 'TLSv1.1',
  'tlsv1.2': 'TLSv1.2',
  'tlsv1.3': 'TLSv1.3',
};

export interface ProtocolEvaluation {
  /** What the line enables, when Apache accepts it. */
  enabled: Set<Protocol>;
  /** For each protocol enabled, the index of the word that enabled it last. */
  enabledBy: Map<Protocol, number>;
  /** Words that make Apache refuse the line: unknown words, SSLv2 and SSLv3 without `-`. */
  refused: { index: number; reason: 'illegal' | 'SSLv2' | 'SSLv3' }[];
  /** `-SSLv2`: accepted and ignored. */
  redundant: number[];
  /** Words after the first without `+`/`-`: mod_ssl starts over from them, discarding what was set (AH02532). */
  unsigned: { index: number; discarded: Protocol[] }[];
}

/** Reads SSLProtocol/SSLProxyProtocol words as mod_ssl does; words compare without case, as Apache's do. */
export function evaluateProtocols(words: readonly string[]): ProtocolEvaluation {
  const result: ProtocolEvaluation = { enabled: new Set(), enabledBy: new Map(), refused: [], redundant: [], unsigned: [] };
  words.forEach((raw, index) => {
    const action = raw[0] === '+' || raw[0] === '-' ? raw[0] : '';
    const word = WORDS[(action ? raw.slice(1) : raw).toLowerCase()];
    if (word === undefined) return void result.refused.push({ index, reason: 'illegal' });
    if (word === 'SSLv2') {
      if (action === '-') result.redundant.push(index);
      else result.refused.push({ index, reason: 'SSLv2' });
      return;
    }
    if (word === 'SSLv3' && action !== '-') return void result.refused.push({ index, reason: 'SSLv3' });
    const chosen: readonly Protocol[] = word === 'all' ? ALL_PROTOCOLS : [word];
    if (action === '-') {
      for (const protocol of chosen) {
        result.enabled.delete(protocol);
        result.enabledBy.delete(protocol);
      }
      return;
    }
    if (action === '' && index > 0) {
      result.unsigned.push({ index, discarded: [...result.enabled].filter((protocol) => !chosen.includes(protocol)) });
      result.enabled.clear();
      result.enabledBy.clear();
    }
    for (const protocol of chosen) {
      result.enabled.add(protocol);
      result.enabledBy.set(protocol, index);
    }
  });
  return result;
}

/** Where a line sits as far as mod_ssl's per-server settings go. */
export interface HostPlace {
  /** The <VirtualHost> around it (through the Include that read the file); none at server level. */
  virtualHost?: SectionNode;
  /** Inside <Directory>, <Location>, <Files>, <If> or <Proxy>: per-directory, not the host's own level. */
  perDirectory: boolean;
}

export function hostPlaceOf(node: Node, enclosing: readonly SectionNode[]): HostPlace {
  let perDirectory = false;
  // Innermost first: the sections around the line in its file, then those around the Include that read the file.
  let parent = node.parent;
  let outer = enclosing.length;
  for (;;) {
    let section: SectionNode;
    if (parent.kind === 'section') {
      section = parent;
      parent = parent.parent;
    } else if (outer > 0) section = enclosing[--outer];
    else return { perDirectory };
    const placement = sectionPlacement(section.name);
    if (placement === 'virtualhost') return { virtualHost: section, perDirectory };
    if (placement !== undefined && placement !== 'limit') perDirectory = true;
  }
}

/** The directives written directly in one host (not in sections inside it), by lower-case name, in order. */
export interface HostLines {
  /** Absent for the main server. */
  virtualHost?: LiveSection;
  readonly own: ReadonlyMap<string, LiveDirective[]>;
}

export interface HostLineIndex {
  /** The server config: every top-level live directive, Includes and true conditionals opened. */
  server: HostLines;
  virtualHosts: HostLines[];
  /** A <VirtualHost> read twice (its file included twice) counts from its first reading. */
  byNode: ReadonlyMap<SectionNode, HostLines>;
}

/**
 * Each host's own lines, once per model: every file's TLS rules ask. A
 * virtual host's are grouped by name at the first ask: a file's rules ask
 * about the hosts in that file only.
 */
export const hostLineIndex = perModel((model): HostLineIndex => {
  const virtualHosts: HostLines[] = [];
  const byNode = new Map<SectionNode, HostLines>();
  // Directive names as written, lower-cased once each rather than once per line.
  const lowerNames = new Map<string, string>();
  for (const item of model.tree) {
    if (item.kind !== 'section' || sectionPlacement(item.name) !== 'virtualhost') continue;
    const host = new VirtualHostLines(item, lowerNames);
    virtualHosts.push(host);
    if (!byNode.has(item.node)) byNode.set(item.node, host);
  }
  return { server: { own: linesByName(model.tree, lowerNames) }, virtualHosts, byNode };
});

class VirtualHostLines implements HostLines {
  private lines?: Map<string, LiveDirective[]>;

  constructor(
    readonly virtualHost: LiveSection,
    private readonly lowerNames: Map<string, string>,
  ) {}

  get own(): ReadonlyMap<string, LiveDirective[]> {
    this.lines ??= linesByName(this.virtualHost.children, this.lowerNames);
    return this.lines;
  }
}

function linesByName(items: readonly LiveItem[], lowerNames: Map<string, string>): Map<string, LiveDirective[]> {
  const lines = new Map<string, LiveDirective[]>();
  for (const item of items) {
    if (item.kind !== 'directive') continue;
    let name = lowerNames.get(item.name);
    if (name === undefined) lowerNames.set(item.name, (name = item.name.toLowerCase()));
    const list = lines.get(name);
    if (list) list.push(item);
    else lines.set(name, [item]);
  }
  return lines;
}

/** The server config's live directives named `name` (lower case), in order. */
export function serverDirectives(model: ConfigModel, name: string): readonly LiveDirective[] {
  return hostLineIndex(model).server.own.get(name) ?? [];
}

/**
 * The directive named `name` (lower case) that is in force for the host of
 * `node`: the last of its <VirtualHost>'s own, else the last of the server
 * config (wherever in the files it is: the server config is read whole
 * before virtual hosts inherit from it). `accept` narrows by arguments.
 */
export function inForce(scope: FileScope, node: Node, name: string, accept?: (item: LiveDirective) => boolean): LiveDirective | undefined {
  const index = hostLineIndex(scope.model);
  const host = hostPlaceOf(node, scope.enclosing).virtualHost;
  const own = host ? lastAccepted(index.byNode.get(host)?.own.get(name), accept) : undefined;
  return own ?? lastAccepted(index.server.own.get(name), accept);
}

function lastAccepted(lines: readonly LiveDirective[] | undefined, accept: ((item: LiveDirective) => boolean) | undefined): LiveDirective | undefined {
  if (!lines) return undefined;
  for (let i = lines.length - 1; i >= 0; i--) if (!accept || accept(lines[i])) return lines[i];
  return undefined;
}

/** What an SSLProtocol line enables; no line, or one Apache refuses, leaves the default. */
export function protocolsOfLine(line: LiveDirective | undefined): ReadonlySet<Protocol> {
  if (!line) return DEFAULT_PROTOCOLS;
  const evaluation = evaluateProtocols(line.args);
  return evaluation.refused.length > 0 ? DEFAULT_PROTOCOLS : evaluation.enabled;
}

/** The protocols a host speaks: its SSLProtocol in force, else Apache's default. */
export function protocolsInForce(scope: FileScope, node: Node): { protocols: ReadonlySet<Protocol>; from?: LiveDirective } {
  const from = inForce(scope, node, 'sslprotocol');
  return { protocols: protocolsOfLine(from), ...(from ? { from } : {}) };
}

/** Whether an SSLCipherSuite line sets the TLS 1.3 list (`SSLCipherSuite TLSv1.3 …`) rather than the SSL one. */
export function cipherListOf(args: readonly string[]): 'SSL' | 'TLSv1.3' | undefined {
  if (cipherStringAt(args) === 0) return 'SSL';
  if (args[0] === 'SSL') return 'SSL';
  if (args[0] === 'TLSv1.3') return 'TLSv1.3';
  return undefined;
}

/**
 * Which word of an SSLCipherSuite line is the cipher string: the second when
 * two are given, else the first. Apache drops an empty second word (TAKE12),
 * so `SSLCipherSuite TLSv1.3 ""` is the one-word form, with "TLSv1.3" as the string.
 */
export function cipherStringAt(args: readonly string[]): 0 | 1 {
  return args.length >= 2 && args[1] !== '' ? 1 : 0;
}

/**
 * Whether the server config was read, so that the absence of a directive
 * there means something. A file checked on its own (a site not enabled, a
 * snippet) has no LoadModule in its tree: its server config is elsewhere.
 */
export function serverConfigKnown(scope: FileScope): boolean {
  return scope.model.modulesKnown;
}

/** -1, 0 or 1 as `a` is older than, the same as or newer than `b` (`2.4.36`). */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const order = Math.sign((x[i] ?? 0) - (y[i] ?? 0));
    if (order !== 0) return order;
  }
  return 0;
}

/** Why a suite is weak under any profile; undefined when it is not. */
export function suiteWeakness(suite: CipherSuite): string | undefined {
  const enc = suite.enc.toUpperCase();
  if (enc.startsWith('NONE')) return 'no encryption';
  if (suite.au.toUpperCase() === 'NONE') return 'no authentication';
  if (enc.startsWith('RC4')) return 'RC4';
  if (enc.startsWith('3DES')) return '3DES';
  if (enc.startsWith('DES')) return 'DES';
  if (enc.startsWith('IDEA')) return 'IDEA';
  if (enc.startsWith('SEED')) return 'SEED';
  if (suite.mac.toUpperCase() === 'MD5') return 'MD5';
  const bits = /\((\d+)\)/.exec(suite.enc);
  if (bits && Number(bits[1]) < 112) return `${bits[1]}-bit key`;
  return undefined;
}

/**
 * Suites Apache cannot negotiate as configured: PSK ones (mod_ssl sets no
 * pre-shared keys) and SRP ones without SSLSRPVerifierFile. OpenSSL's HIGH
 * and DEFAULT include them; they are dead entries, not a weakness.
 */
export function isUnusedSuite(suite: CipherSuite): boolean {
  return /PSK|SRP/i.test(suite.kx);
}

/**
 * Words of a cipher string that enable something weak, judged without
 * OpenSSL. aNULL, eNULL, NULL and EXPORT are left out: mod_ssl appends
 * `:!aNULL:!eNULL:!EXP` to every string, so they never get through.
 */
export function weakCipherWords(spec: string): string[] {
  const weak: string[] = [];
  for (const word of spec.split(/[:, ]+/)) {
    if (word === '' || word[0] === '!' || word[0] === '-' || word[0] === '+' || word[0] === '@') continue;
    for (const part of word.split('+')) {
      const upper = part.toUpperCase();
      if (/^(RC4|DES|3DES|MD5|LOW|SEED|IDEA|KRB5)$/.test(upper) || /(^|-)(RC4|DES-CBC3?|SEED|IDEA)(-|$)|-MD5$/.test(upper)) {
        weak.push(word);
        break;
      }
    }
  }
  return weak;
}

/** `ALL`, `DEFAULT` or `COMPLEMENTOFDEFAULT` with nothing taken away: whatever the OpenSSL build has. */
export function isUnboundedCipherString(spec: string): boolean {
  const words = spec.split(/[:, ]+/).filter((word) => word !== '');
  const opens = words.some((word) => /^(ALL|DEFAULT|COMPLEMENTOFDEFAULT|COMPLEMENTOFALL)$/.test(word));
  return opens && !words.some((word) => word[0] === '!' || word[0] === '-');
}

/** TLS 1.3 suite names, which only `SSLCipherSuite TLSv1.3 …` governs. */
export function tls13SuiteWords(spec: string): string[] {
  return spec.split(/[:, ]+/).filter((word) => /^TLS_(AES|CHACHA20)_/.test(word));
}
