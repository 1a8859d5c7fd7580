// The TLS settings each host negotiates the handshake with: the main server
// and every <VirtualHost>, read once per configuration model (the ssl/* rules
// of every file ask). A virtual host takes each setting from its own lines,
// else from the server config, else Apache's default, the way mod_ssl merges
// them (ssl_engine_config.c ssl_config_server_merge) and as
// effectiveConfiguration lists them: the last line wins, and a virtual host's
// Protocols lines replace the server's list. Only the lines directly in the
// host count; per-directory sections cannot change the handshake.
import type { ConfigModel, LiveDirective, LiveItem, LiveSection } from '../../config/buildConfigModel';
import type { SectionNode } from '../../parser/ast';
import { cipherListOf, hostLineIndex, protocolsOfLine } from '../tlsSettings';

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

/** mod_ssl's verify-depth parse: C atoi, so "abc" is 0 and "2x" is 2; Apache refuses only a negative result. */
export function atoi(text: string): number {
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d*)/.exec(text);
  const digits = match?.[2] ?? '';
  const value = digits === '' ? 0 : Number(digits);
  return match?.[1] === '-' ? -value : value;
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
  caLines: LiveDirective[];
  /** Protocols in force, lower-cased (default http/1.1). */
  protocols: string[];
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
  handshake: Map<string, string>;
}

export interface TreeTls {
  server: HostTls;
  virtualHosts: HostTls[];
  byNode: Map<SectionNode, HostTls>;
  /** The server config's last SSLVHostSNIPolicy line. */
  sniPolicyLine?: LiveDirective;
}

/** Compared between virtual hosts that share an address (the handshake's trust and protocol settings). */
const HANDSHAKE = ['sslverifyclient', 'sslverifydepth', 'sslcacertificatefile', 'sslcacertificatepath', 'sslcadnrequestfile', 'sslcadnrequestpath', 'sslprotocol', 'sslciphersuite'];

const trees = new WeakMap<ConfigModel, TreeTls>();

export function treeTls(model: ConfigModel): TreeTls {
  let tree = trees.get(model);
  if (!tree) {
    tree = readTree(model);
    trees.set(model, tree);
  }
  return tree;
}

function readTree(model: ConfigModel): TreeTls {
  const http2 = !model.modulesKnown || model.loadedModules.has('http2_module');
  const index = hostLineIndex(model);
  const serverLines = index.server.own;
  const server = hostOf(serverLines, undefined, http2, perDirectoryVerify(model.tree.filter((item) => item.name.toLowerCase() !== 'virtualhost')));
  const virtualHosts = index.virtualHosts.map(({ virtualHost, own }) => {
    const host = hostOf(mergeLines(serverLines, own), virtualHost, http2, perDirectoryVerify(virtualHost?.children ?? []));
    host.ownVerifyClientLine = own.get('sslverifyclient')?.at(-1);
    return host;
  });
  const byNode = new Map<SectionNode, HostTls>();
  index.virtualHosts.forEach(({ virtualHost }, i) => {
    if (virtualHost && !byNode.has(virtualHost.node)) byNode.set(virtualHost.node, virtualHosts[i]);
  });
  server.ownVerifyClientLine = server.verifyClientLine;
  return { server, virtualHosts, byNode, sniPolicyLine: serverLines.get('sslvhostsnipolicy')?.at(-1) };
}

/**
 * A virtual host's lines over the server's, name by name: SSLCACertificateFile
 * and SSLCACertificatePath merge each on its own, as mod_ssl merges them;
 * ProxyPass lines add up.
 */
function mergeLines(server: ReadonlyMap<string, LiveDirective[]>, own: ReadonlyMap<string, LiveDirective[]>): ReadonlyMap<string, LiveDirective[]> {
  const merged = new Map([...server, ...own]);
  // mod_proxy appends a virtual host's mappings to the server's.
  for (const name of ['proxypass', 'proxypassmatch']) merged.set(name, [...(server.get(name) ?? []), ...(own.get(name) ?? [])]);
  return merged;
}

function hostOf(lines: ReadonlyMap<string, LiveDirective[]>, virtualHost: LiveSection | undefined, http2: boolean, perDirectory: boolean): HostTls {
  const last = (name: string) => lines.get(name)?.at(-1);
  const verifyClientLine = last('sslverifyclient');
  const verifyDepthLine = last('sslverifydepth');
  const sslProtocolLine = last('sslprotocol');
  const protocols = (lines.get('protocols') ?? []).flatMap((line) => line.args.map((arg) => arg.toLowerCase()));
  const inForce = protocols.length > 0 ? protocols : ['http/1.1'];
  const verifyClient = verifyMode(verifyClientLine?.args[0]) ?? 'none';
  const verifyDepth = verifyDepthLine?.args[0] !== undefined ? atoi(verifyDepthLine.args[0]) : 1;
  const allowed = protocolsOfLine(sslProtocolLine);
  // Values as Apache reads them, so that `on` equals `require` and a default equals the same value written out.
  const handshake = new Map<string, string>([
    ['sslverifyclient', verifyClient],
    ['sslverifydepth', String(verifyDepth)],
    ['sslprotocol', [...allowed].sort().join(' ')],
  ]);
  for (const name of HANDSHAKE) {
    const written = lines.get(name);
    if (!written || handshake.has(name)) continue;
    // SSLCipherSuite keeps one list per protocol (SSL, TLSv1.3): the last line of each.
    const byKey = new Map(written.map((line) => [name === 'sslciphersuite' ? (cipherListOf(line.args) ?? line.args[0]) : 'SSL', line.args.at(-1) ?? '']));
    handshake.set(name, [...byKey].sort().map(([key, value]) => `${key} ${value}`).join(' | '));
  }
  return {
    virtualHost,
    verifyClient,
    verifyClientLine,
    verifyDepth,
    verifyDepthLine,
    caLines: [...(lines.get('sslcacertificatefile') ?? []), ...(lines.get('sslcacertificatepath') ?? [])],
    protocols: inForce,
    h2: http2 && inForce.includes('h2'),
    tls13: allowed.has('TLSv1.3'),
    sslProtocolLine,
    sslEngine: last('sslengine')?.args[0]?.toLowerCase() === 'on',
    strictSni: last('sslstrictsnivhostcheck')?.args[0]?.toLowerCase() === 'on',
    proxiedPaths: [...(lines.get('proxypass') ?? []), ...(lines.get('proxypassmatch') ?? [])].flatMap((line) => (line.args[1] === '!' ? [] : line.args.slice(0, 1))),
    perDirectoryVerify: perDirectory,
    handshake,
  };
}

/** Whether a section among `items`, at any depth, sets SSLVerifyClient to something other than none. */
function perDirectoryVerify(items: readonly LiveItem[]): boolean {
  const pending: LiveItem[] = items.filter((item) => item.kind === 'section');
  while (pending.length > 0) {
    const section = pending.pop() as LiveSection;
    for (const child of section.children) {
      if (child.kind === 'section') pending.push(child);
      else if (child.name.toLowerCase() === 'sslverifyclient' && (verifyMode(child.args[0]) ?? 'none') !== 'none') return true;
    }
  }
  return false;
}
