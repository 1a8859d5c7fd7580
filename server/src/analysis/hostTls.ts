// The TLS settings each host negotiates the handshake with: the main server
// and every <VirtualHost>, read once per configuration model (the ssl/* rules
// of every file ask). A virtual host takes each setting from its own lines,
// else from the server config, else Apache's default, the way mod_ssl merges
// them (ssl_engine_config.c ssl_config_server_merge) and as
// effectiveConfiguration lists them: the last line wins, and a virtual host's
// Protocols lines replace the server's list. Only the lines directly in the
// host count; per-directory sections cannot change the handshake.
import type { ConfigModel, LiveDirective, LiveItem, LiveSection } from '../config/buildConfigModel';
import type { SectionNode } from '../parser/ast';
import { sectionPlacement } from '../knowledge/sectionPlacement';
import { cipherListOf, cipherStringAt, hostLineIndex, protocolsOfLine, type HostLineIndex, type HostLines, type Protocol } from './tlsSettings';
import { perModel } from '../config/oncePer';
import { atoi } from './values/cNumber';

/** SSLVerifyClient levels; `on` and `off` are Apache's aliases of require and none. */
export type VerifyMode = 'none' | 'optional' | 'require' | 'optional_no_ca';

export function verifyMode(word: string | undefined): VerifyMode | undefined {
  switch (word?.toLowerCase()) {
    case 'none':
    case 'off':
      return 'none';
    case 'optional':
      return 'optional';
    case 'require':
    case 'on':
      return 'require';
    case 'optional_no_ca':
      return 'optional_no_ca';
    default:
      return undefined;
  }
}

/**
 * Whether a per-directory level asks more than the handshake did, so that
 * mod_ssl must verify again (ssl_engine_kernel.c: the new mode adds
 * SSL_VERIFY_PEER, or SSL_VERIFY_FAIL_IF_NO_PEER_CERT, to the old one).
 */
export function isStricter(handshake: VerifyMode, perDirectory: VerifyMode): boolean {
  if (perDirectory === 'none') return false;
  return handshake === 'none' || (perDirectory === 'require' && handshake !== 'require');
}

export interface HostTls {
  /** Absent for the main server. */
  virtualHost?: LiveSection;
  verifyClient: VerifyMode;
  /** The line that sets it (the host's own or the server config's); absent for the default none. */
  verifyClientLine?: LiveDirective;
  /** The host's own SSLVerifyClient line, when it has one. */
  ownVerifyClientLine?: LiveDirective;
  verifyDepth: number;
  verifyDepthLine?: LiveDirective;
  /** SSLCACertificateFile and SSLCACertificatePath lines in force (own and the server config's). */
  caLines: readonly LiveDirective[];
  /** Protocols in force, lower-cased (default http/1.1). */
  protocols: readonly string[];
  /** Protocols lists h2 and mod_http2 is (or may be) loaded. */
  h2: boolean;
  /** SSLProtocol in force allows TLS 1.3. */
  tls13: boolean;
  sslProtocolLine?: LiveDirective;
  /** SSLEngine on in force. */
  sslEngine: boolean;
  /** SSLStrictSNIVHostCheck on in force. */
  strictSni: boolean;
  /** The paths (or patterns) the host's own and the server config's ProxyPass and ProxyPassMatch lines map to a backend. */
  proxiedPaths: string[];
  /** Some per-directory section of the host (or, for the main server, of the server config) sets SSLVerifyClient other than none. */
  perDirectoryVerify: boolean;
  /** The settings that decide which client certificates the handshake accepts, and how, by directive name. */
  readonly handshake: ReadonlyMap<string, string>;
}

export interface TreeTls {
  server: HostTls;
  /** Every virtual host, in reading order. */
  readonly virtualHosts: readonly HostTls[];
  /** The virtual host of a <VirtualHost> node (its first reading, when its file is read twice). */
  byNode: { get(node: SectionNode): HostTls | undefined };
  /** The server config's last SSLVHostSNIPolicy line. */
  sniPolicyLine?: LiveDirective;
}

/** Compared between virtual hosts that share an address (the handshake's trust and protocol settings). */
const HANDSHAKE = ['sslverifyclient', 'sslverifydepth', 'sslcacertificatefile', 'sslcacertificatepath', 'sslcadnrequestfile', 'sslcadnrequestpath', 'sslprotocol', 'sslciphersuite'];

export const treeTls: (model: ConfigModel) => TreeTls = perModel(readTree);

function readTree(model: ConfigModel): TreeTls {
  const http2 = !model.modulesKnown || model.loadedModules.has('http2_module');
  return new Tree(hostLineIndex(model), http2, perDirectoryVerify(model.tree, true));
}

/**
 * The main server's settings, and each virtual host's worked out at the first
 * ask: the rules of a file ask about the hosts in it, and only lines of the
 * server config about all of them.
 */
class Tree implements TreeTls {
  readonly server: HostTls;
  readonly sniPolicyLine?: LiveDirective;
  readonly byNode = {
    get: (node: SectionNode): HostTls | undefined => {
      const lines = this.index.byNode.get(node);
      return lines && this.settingsOf(lines);
    },
  };
  private readonly hosts = new Map<HostLines, HostTls>();
  private all?: readonly HostTls[];

  constructor(
    private readonly index: HostLineIndex,
    private readonly http2: boolean,
    serverPerDirectoryVerify: boolean,
  ) {
    this.server = new HostSettings(index.server.own, undefined, undefined, http2, serverPerDirectoryVerify);
    this.sniPolicyLine = index.server.own.get('sslvhostsnipolicy')?.at(-1);
  }

  get virtualHosts(): readonly HostTls[] {
    this.all ??= this.index.virtualHosts.map((lines) => this.settingsOf(lines));
    return this.all;
  }

  private settingsOf(lines: HostLines): HostTls {
    let host = this.hosts.get(lines);
    if (!host) {
      host = new HostSettings(lines.own, this.index.server.own, lines.virtualHost, this.http2, perDirectoryVerify(lines.virtualHost?.children ?? [], false));
      this.hosts.set(lines, host);
    }
    return host;
  }
}

type LinesByName = ReadonlyMap<string, readonly LiveDirective[]>;

const NO_LINES: readonly LiveDirective[] = [];
const DEFAULT_PROTOCOLS: readonly string[] = ['http/1.1'];
const PROXY_PASS = ['proxypass', 'proxypassmatch'];

/**
 * One host's settings. A virtual host reads its own lines, else the server
 * config's, name by name (SSLCACertificateFile and SSLCACertificatePath each
 * on its own, as mod_ssl merges them), without a merged copy per host;
 * ProxyPass lines add up (mod_proxy appends a virtual host's mappings to the
 * server's).
 */
class HostSettings implements HostTls {
  readonly verifyClient: VerifyMode;
  readonly verifyClientLine?: LiveDirective;
  readonly ownVerifyClientLine?: LiveDirective;
  readonly verifyDepth: number;
  readonly verifyDepthLine?: LiveDirective;
  readonly caLines: readonly LiveDirective[];
  readonly protocols: readonly string[];
  readonly h2: boolean;
  readonly tls13: boolean;
  readonly sslProtocolLine?: LiveDirective;
  readonly sslEngine: boolean;
  readonly strictSni: boolean;
  readonly proxiedPaths: string[] = [];
  readonly perDirectoryVerify: boolean;
  private readonly allowed: ReadonlySet<Protocol>;
  private handshakeSettings?: Map<string, string>;

  constructor(
    private readonly own: LinesByName,
    /** The server config's lines, for a virtual host. */
    private readonly inherited: LinesByName | undefined,
    readonly virtualHost: LiveSection | undefined,
    http2: boolean,
    perDirectory: boolean,
  ) {
    this.verifyClientLine = this.last('sslverifyclient');
    this.ownVerifyClientLine = own.get('sslverifyclient')?.at(-1);
    this.verifyDepthLine = this.last('sslverifydepth');
    this.sslProtocolLine = this.last('sslprotocol');
    const written: string[] = [];
    for (const line of this.lines('protocols')) for (const arg of line.args) written.push(arg.toLowerCase());
    this.protocols = written.length > 0 ? written : DEFAULT_PROTOCOLS;
    this.verifyClient = verifyMode(this.verifyClientLine?.args[0]) ?? 'none';
    this.verifyDepth = this.verifyDepthLine?.args[0] !== undefined ? atoi(this.verifyDepthLine.args[0]) : 1;
    this.allowed = protocolsOfLine(this.sslProtocolLine);
    const files = this.lines('sslcacertificatefile');
    const folders = this.lines('sslcacertificatepath');
    this.caLines = folders.length === 0 ? files : files.length === 0 ? folders : [...files, ...folders];
    this.h2 = http2 && this.protocols.includes('h2');
    this.tls13 = this.allowed.has('TLSv1.3');
    this.sslEngine = this.last('sslengine')?.args[0]?.toLowerCase() === 'on';
    this.strictSni = this.last('sslstrictsnivhostcheck')?.args[0]?.toLowerCase() === 'on';
    for (const name of PROXY_PASS) {
      if (inherited) this.addProxiedPaths(inherited.get(name));
      this.addProxiedPaths(own.get(name));
    }
    this.perDirectoryVerify = perDirectory;
  }

  /** Worked out at the first ask: only virtual hosts that share an address are compared. */
  get handshake(): ReadonlyMap<string, string> {
    if (!this.handshakeSettings) {
      // Values as Apache reads them, so that `on` equals `require` and a default equals the same value written out.
      const handshake = new Map<string, string>([
        ['sslverifyclient', this.verifyClient],
        ['sslverifydepth', String(this.verifyDepth)],
        ['sslprotocol', [...this.allowed].sort().join(' ')],
      ]);
      for (const name of HANDSHAKE) {
        const written = this.lines(name);
        if (written.length === 0 || handshake.has(name)) continue;
        // SSLCipherSuite keeps one list per protocol (SSL, TLSv1.3): the last line of each.
        const byKey = new Map(written.map((line) => [name === 'sslciphersuite' ? (cipherListOf(line.args) ?? line.args[0]) : 'SSL', line.args[cipherStringAt(line.args)] ?? '']));
        handshake.set(name, [...byKey].sort().map(([key, value]) => `${key} ${value}`).join(' | '));
      }
      this.handshakeSettings = handshake;
    }
    return this.handshakeSettings;
  }

  /** The lines in force by name: the host's own, else the server config's. */
  private lines(name: string): readonly LiveDirective[] {
    return this.own.get(name) ?? this.inherited?.get(name) ?? NO_LINES;
  }

  private last(name: string): LiveDirective | undefined {
    const lines = this.lines(name);
    return lines[lines.length - 1];
  }

  private addProxiedPaths(lines: readonly LiveDirective[] | undefined): void {
    for (const line of lines ?? NO_LINES) if (line.args.length > 0 && line.args[1] !== '!') this.proxiedPaths.push(line.args[0]);
  }
}

/**
 * Whether a section among `items`, at any depth, sets SSLVerifyClient to
 * something other than none; for the server config, virtual hosts aside.
 */
function perDirectoryVerify(items: readonly LiveItem[], serverConfig: boolean): boolean {
  const pending: LiveSection[] = [];
  for (const item of items) if (item.kind === 'section' && !(serverConfig && sectionPlacement(item.name) === 'virtualhost')) pending.push(item);
  while (pending.length > 0) {
    const section = pending.pop() as LiveSection;
    for (const child of section.children) {
      if (child.kind === 'section') pending.push(child);
      else if (child.name.toLowerCase() === 'sslverifyclient' && (verifyMode(child.args[0]) ?? 'none') !== 'none') return true;
    }
  }
  return false;
}
