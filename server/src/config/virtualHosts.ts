// The virtual host map, as `apache2 -S` prints it: every <VirtualHost> with
// its addresses and names, the Listen lines, and for each address:port the
// virtual hosts that share it in file order, the first being the default.
// It follows Apache's vhost.c: `*`, `_default_`, 0.0.0.0 and [::] are one
// wildcard address; a missing port is the main server's port when the
// <VirtualHost> line is read (from `ServerName host:port`), else any port.
// Host names are kept as written: Apache resolves them at startup, we do not.
import { isIPv4, isIPv6 } from 'node:net';
import type { DirectiveNode, Range, SectionNode } from '../parser/ast';
import type { ConfigModel, LiveDirective, LiveItem, LiveSection } from './buildConfigModel';
import { perModel } from './oncePer';

/** `any`: every local address; `ip`: one address; `name`: a host name Apache looks up at startup. */
export type HostKind = 'any' | 'ip' | 'name';

/** A port, or `*` for any port. */
export type Port = number | '*';

export interface VirtualHostAddress {
  /** `*`, an address in canonical form (`127.0.0.1`, `[::1]`), or a lower-case host name. */
  host: string;
  kind: HostKind;
  port: Port;
  /** `host:port` as `apache2 -S` prints it: `*:443`, `[::1]:8443`, `127.0.0.1:*`. */
  key: string;
}

/** One name a virtual host answers to, and where it is written. */
export interface HostName {
  name: string;
  path: string;
  node: DirectiveNode;
  /** The word itself when it can be told apart, else the whole line. */
  readonly range: Range;
}

/**
 * A name as read from its line. Its range is worked out when asked for (a
 * rule reports on a few names of thousands): reading it builds the line's
 * arguments, which the tree otherwise builds only for the files analysed.
 */
class WrittenHostName implements HostName {
  constructor(
    readonly name: string,
    readonly path: string,
    readonly node: DirectiveNode,
    /** The word's index when the words line up with the parse (no ${VAR} changed their number), else -1: the whole line. */
    private readonly wordIndex: number,
  ) {}

  get range(): Range {
    return this.wordIndex >= 0 ? this.node.args[this.wordIndex].range : this.node.range;
  }
}

export interface VirtualHost {
  path: string;
  node: SectionNode;
  /** The 1-based line `apache2 -S` names: the last physical line of the opening tag. */
  line: number;
  /** Without the words Apache refuses or cannot resolve, and each address once. */
  addresses: VirtualHostAddress[];
  /** The ServerName that applies (the last one), host part only. */
  serverName?: HostName;
  /**
   * The name Apache uses: the ServerName, else on a wildcard address the main
   * server's. Undefined where Apache asks DNS: the reverse name of the first
   * address, or the machine's name when the main server has no ServerName.
   */
  name?: string;
  /** ServerAlias names in the order written; a `*` or `?` makes one a pattern. */
  aliases: HostName[];
}

export interface Listener {
  /** `*` when the Listen line names no address. */
  host: string;
  /** `any` also for 0.0.0.0 and [::], which take every address of their family. */
  kind: HostKind;
  port: number;
  /** The protocol argument, lower-cased, when given. */
  protocol?: string;
  path: string;
  node: DirectiveNode;
}

export interface AddressSet {
  key: string;
  /** The first in file order: it gets every request whose Host no other one names. */
  defaultHost: VirtualHost;
  /** In file order, the order Apache tries their names in. */
  virtualHosts: VirtualHost[];
}

export interface VirtualHostMap {
  /** The main server's last ServerName, host part only. */
  mainServerName?: string;
  virtualHosts: VirtualHost[];
  listeners: Listener[];
  /** By address key, in the order each address first appears. */
  byAddress: Map<string, AddressSet>;
  /** By the file each is written in, in file order: a file's analysis looks only at its own. */
  byFile: Map<string, VirtualHost[]>;
}

/** Every file's analysis asks for the map; a model is read once. */
export const listVirtualHosts: (model: ConfigModel) => VirtualHostMap = perModel((model) => buildMap(model.tree));

function buildMap(tree: readonly LiveItem[]): VirtualHostMap {
  const virtualHosts: VirtualHost[] = [];
  const listeners: Listener[] = [];
  let mainServerName: string | undefined;
  let mainPort: Port = '*';
  // Listen, ServerName and <VirtualHost> are refused inside other sections: only the top level counts.
  for (const item of tree) {
    const key = item.name.toLowerCase();
    if (item.kind === 'directive' && key === 'servername' && item.args.length > 0) {
      const written = splitServerName(item.args[0]);
      mainServerName = written.host;
      mainPort = written.port;
    } else if (item.kind === 'directive' && key === 'listen') {
      const listener = readListen(item.args, item.path, item.node);
      if (listener) listeners.push(listener);
    } else if (item.kind === 'section' && key === 'virtualhost') {
      virtualHosts.push(readVirtualHost(item, mainPort));
    }
  }
  // The fallback name is the main server's final one: Apache fills it in after reading everything.
  for (const vhost of virtualHosts) {
    if (takesMainServerName(vhost)) vhost.name = mainServerName;
  }
  const byAddress = new Map<string, AddressSet>();
  const byFile = new Map<string, VirtualHost[]>();
  for (const vhost of virtualHosts) {
    const inFile = byFile.get(vhost.path);
    if (inFile) inFile.push(vhost);
    else byFile.set(vhost.path, [vhost]);
    for (const address of vhost.addresses) {
      const set = byAddress.get(address.key);
      if (set) set.virtualHosts.push(vhost);
      else byAddress.set(address.key, { key: address.key, defaultHost: vhost, virtualHosts: [vhost] });
    }
  }
  return { mainServerName, virtualHosts, listeners, byAddress, byFile };
}

/** What a <VirtualHost> says by itself, for the main server port it was read with. */
interface HostReading {
  defaultPort: Port;
  line: number;
  addresses: VirtualHostAddress[];
  serverName?: HostName;
  aliases: HostName[];
  /** The host as every map shows it, unless its name is the main server's. */
  host?: VirtualHost;
}

/**
 * Readings by section: a rebuild after an edit keeps the live sections of
 * files it did not change, so the map is rebuilt reading only the hosts that
 * changed. A host without a ServerName that answers on any address takes the
 * main server's name, so each map gets an object of its own for it; the other
 * hosts are the same object in every map.
 */
const readings = new WeakMap<LiveSection, HostReading>();

function readVirtualHost(section: LiveSection, defaultPort: Port): VirtualHost {
  let reading = readings.get(section);
  if (reading?.defaultPort !== defaultPort) {
    reading = readVirtualHostSection(section, defaultPort);
    readings.set(section, reading);
  }
  if (reading.host) return reading.host;
  const { line, addresses, serverName, aliases } = reading;
  const host = { path: section.path, node: section.node, line, addresses, serverName, name: serverName?.name, aliases };
  if (!takesMainServerName(host)) reading.host = host;
  return host;
}

function takesMainServerName(vhost: VirtualHost): boolean {
  return !vhost.serverName && vhost.addresses.some((address) => address.kind === 'any');
}

function readVirtualHostSection({ args, children, node }: LiveSection, defaultPort: Port): HostReading {
  const addresses: VirtualHostAddress[] = [];
  for (const word of args) {
    const address = parseVirtualHostAddress(word, defaultPort);
    if (address && !addresses.some((known) => known.key === address.key)) addresses.push(address);
  }
  let serverName: HostName | undefined;
  const aliases: HostName[] = [];
  for (const child of children) {
    // Only ServerName and ServerAlias matter; most lines are neither, so look at the length first.
    if (child.kind !== 'directive' || (child.name.length !== 10 && child.name.length !== 11)) continue;
    const key = child.name.toLowerCase();
    if (key === 'servername' && child.args.length > 0) {
      serverName = new WrittenHostName(splitServerName(child.args[0]).host, child.path, child.node, wordIndex(child, 0));
    } else if (key === 'serveralias') {
      for (let index = 0; index < child.args.length; index++) {
        aliases.push(new WrittenHostName(child.args[index], child.path, child.node, wordIndex(child, index)));
      }
    }
  }
  const line = node.open.startLine + node.open.continuedLines + 1;
  // Kept as long as the model, one pair per host: copies at their size, not the lists push grew (room for 17).
  return { defaultPort, line, addresses: addresses.slice(), serverName, aliases: aliases.slice() };
}

/** `index` when the words line up with the parse (no ${VAR} changed their number), else -1. */
function wordIndex(directive: LiveDirective, index: number): number {
  return directive.node.words.length === directive.args.length ? index : -1;
}

/** `ServerName [scheme://]host[:port]`, split as core.c does: at the first colon after the scheme. */
function splitServerName(value: string): { host: string; port: Port } {
  const scheme = value.indexOf('://');
  const rest = scheme >= 0 ? value.slice(scheme + 3) : value;
  const colon = rest.indexOf(':');
  if (colon < 0) return { host: rest, port: '*' };
  const port = Number.parseInt(rest.slice(colon + 1), 10);
  return { host: rest.slice(0, colon), port: port > 0 && port < 65536 ? port : '*' };
}

/**
 * One word of `<VirtualHost>`, as vhost.c's get_addresses reads it: `host`,
 * `host:port`, `host:*`, `*`, `[v6]:port`. Undefined for words Apache refuses
 * (no address, port 0) or ignores after failing to resolve them.
 */
export function parseVirtualHostAddress(word: string, defaultPort: Port): VirtualHostAddress | undefined {
  const anyPort = word === '*' || word.endsWith(':*');
  const split = splitHostPort(word.endsWith(':*') ? word.slice(0, -2) : word);
  if (!split?.host) return undefined;
  const host = readHost(split.host);
  if (!host) return undefined;
  const port: Port = split.port ?? (anyPort ? '*' : defaultPort);
  const shown = host.kind === 'any' ? '*' : host.host;
  return { host: shown, kind: host.kind, port, key: `${shown}:${port}` };
}

/** `Listen [address:]port [protocol]`; undefined for lines Apache refuses. */
function readListen(args: readonly string[], path: string, node: DirectiveNode): Listener | undefined {
  if (args.length < 1 || args.length > 2) return undefined;
  const split = splitHostPort(args[0]);
  if (!split?.port) return undefined;
  const host = split.host === undefined || split.host === '*' ? { host: '*', kind: 'any' as const } : readHost(split.host);
  if (!host) return undefined;
  return { ...host, port: split.port, ...(args[1] ? { protocol: args[1].toLowerCase() } : {}), path, node };
}

/**
 * APR's apr_parse_addr_port: digits after the last colon are the port, digits
 * alone are a port without a host, `[…]` holds an IPv6 address and maybe a
 * `%zone`. The host keeps its brackets. Undefined where APR fails (a port out
 * of range, `:80`, a bracket that holds no IPv6 address).
 */
function splitHostPort(text: string): { host?: string; port?: number } | undefined {
  const digits = /(^|:)(\d+)$/.exec(text);
  const port = digits ? Number(digits[2]) : undefined;
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  const host = digits ? text.slice(0, digits.index) : text;
  if (digits?.[1] === '') return { port };
  if (host === '') return undefined;
  if (host.startsWith('[')) {
    const [address, zone] = host.slice(1, -1).split('%');
    if (!host.endsWith(']') || !isIPv6(address) || zone === '') return undefined;
  }
  return { host, port };
}

/** Canonical form and kind of a host; undefined for what cannot be an address or a name (`::1` unbracketed). */
function readHost(text: string): { host: string; kind: HostKind } | undefined {
  if (text === '*' || text.toLowerCase() === '_default_') return { host: '*', kind: 'any' };
  if (isIPv4(text)) return { host: text, kind: text === '0.0.0.0' ? 'any' : 'ip' };
  if (text.startsWith('[')) {
    const [address, zone] = text.slice(1, -1).split('%');
    // The URL parser writes IPv6 in canonical form ([0:0::1] is [::1]), as apache2 -S prints it.
    const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
    return { host: `[${canonical}${zone === undefined ? '' : `%${zone}`}]`, kind: canonical === '::' ? 'any' : 'ip' };
  }
  // A colon left in a host makes a name no resolver knows: Apache logs AH00547 and drops the address.
  return text.includes(':') ? undefined : { host: text.toLowerCase(), kind: 'name' };
}
