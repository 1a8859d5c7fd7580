// The CA, CRL and client-certificate files each host makes mod_ssl load at
// start-up, side by side: the client side (a TLS host: SSLEngine on) and the
// proxy side (SSLProxyEngine on for the host). mod_ssl sets up the same
// verification for both (ssl_init_ctx_verify, ssl_init_ctx_crl), loading the
// CA file whether or not certificates are asked for, and names the proxy's
// directives with an "SSLProxy" prefix.
import type { ConfigModel } from '../config/buildConfigModel';
import type { CertificateReader } from './certs/certificateReader';
import type { CertificateFacts } from './certs/describeCertificate';
import type { CertificateFileContents } from './certs/readCertificateFile';
import { hostCertificates, type HostCertificates, type HostSetting } from './certs/hostCertificates';
import { isOn, proxyModel, type Placed } from './proxyHosts';
import { verifyMode, type VerifyMode } from './hostTls';
import { atoi } from './values/cNumber';
import { perModel } from '../config/oncePer';

export type TrustSide = 'client' | 'proxy';

/** The directives each side has, without the `SSL` / `SSLProxy` prefix. */
export type SideDirective = 'CACertificateFile' | 'CACertificatePath' | 'CARevocationFile' | 'CARevocationPath' | 'CARevocationCheck' | 'VerifyDepth';

export interface SideSettings {
  side: TrustSide;
  host: HostCertificates;
  /** The directive name as written in messages, for the side: `SSLCACertificateFile` or `SSLProxyCACertificateFile`. */
  directive(name: SideDirective): string;
  /** The line in force for the side's directive (the host's, else the server config's), with the path it names. */
  setting(name: SideDirective): HostSetting | undefined;
  /** How peer certificates are verified: SSLVerifyClient (or a per-directory one) / SSLProxyVerify. */
  verify: VerifyMode;
  /** mod_ssl's maximum chain depth for the side (default 1). */
  depth: number;
}

/** Each side's SSL(Proxy)CACertificateFile that can be read, with its line and contents (cert/file-missing speaks for the rest). */
export function* caFilesOf(
  sides: Iterable<SideSettings>,
  certificates: CertificateReader,
): Iterable<{ side: SideSettings; ca: HostSetting & { readonly path: string }; contents: CertificateFileContents }> {
  for (const side of sides) {
    const ca = side.setting('CACertificateFile');
    if (!hasPath(ca)) continue;
    const read = certificates.read(ca.path);
    if ('contents' in read) yield { side, ca, contents: read.contents };
  }
}

/** One SSL(Proxy)CACertificateFile or SSL(Proxy)CARevocationFile line, and the sides that check their peers with it. */
export interface VerifyingLine {
  setting: HostSetting & { readonly path: string };
  sides: SideSettings[];
}

type VerifyingFile = 'CACertificateFile' | 'CARevocationFile';

/**
 * The CA and CRL file lines that sides which verify their peers use, by the
 * file each line is written in: a file's analysis then reads only its own
 * lines, and a server-config line that many hosts share is judged once.
 */
const verifyingLinesByPath = perModel((model): Record<VerifyingFile, ReadonlyMap<string, readonly VerifyingLine[]>> => {
  const index = (name: VerifyingFile): Map<string, VerifyingLine[]> => {
    const byLine = new Map<Placed, VerifyingLine>();
    const byPath = new Map<string, VerifyingLine[]>();
    for (const side of trustSides(model)) {
      const setting = side.setting(name);
      if (!verifiesPeers(side) || !hasPath(setting)) continue;
      const known = byLine.get(setting.line);
      if (known) {
        known.sides.push(side);
        continue;
      }
      const entry = { setting, sides: [side] };
      byLine.set(setting.line, entry);
      const list = byPath.get(setting.line.item.path);
      if (list) list.push(entry);
      else byPath.set(setting.line.item.path, [entry]);
    }
    return byPath;
  };
  return { CACertificateFile: index('CACertificateFile'), CARevocationFile: index('CARevocationFile') };
});

/** The `name` lines written in `path` that some side verifies peers with, with the file's contents when it can be read. */
export function* verifyingFilesIn(
  model: ConfigModel,
  path: string,
  name: VerifyingFile,
  certificates: CertificateReader,
): Iterable<VerifyingLine & { contents: CertificateFileContents }> {
  for (const line of verifyingLinesByPath(model)[name].get(path) ?? []) {
    const read = certificates.read(line.setting.path);
    if ('contents' in read) yield { ...line, contents: read.contents };
  }
}

function hasPath(setting: HostSetting | undefined): setting is HostSetting & { readonly path: string } {
  return Boolean(setting?.path);
}

/** Every side mod_ssl sets up, host by host: the client side of TLS hosts, the proxy side of hosts with SSLProxyEngine on. Built once per model. */
export const trustSides = perModel((model): readonly SideSettings[] => {
  const list: SideSettings[] = [];
  // Virtual hosts inherit the server config's per-directory sections: what they ask is read once.
  const serverAsks = perDirectoryAsks(proxyModel(model).server.lines);
  for (const host of hostCertificates(model)) {
    if (host.tls) list.push(new Side('client', host, clientVerify(host, serverAsks)));
    if (isOn(host.setting('sslproxyengine')?.line)) list.push(new Side('proxy', host, verifyMode(host.setting('sslproxyverify')?.line.item.args[0]) ?? 'none'));
  }
  return list;
});

const SIDE_DIRECTIVES: readonly SideDirective[] = ['CACertificateFile', 'CACertificatePath', 'CARevocationFile', 'CARevocationPath', 'CARevocationCheck', 'VerifyDepth'];
const PREFIXES: Readonly<Record<TrustSide, string>> = { client: 'SSL', proxy: 'SSLProxy' };
/** Each side's directives by lower-case name, as host settings are asked for, made once rather than per question. */
const LOWER_NAMES: Readonly<Record<TrustSide, Readonly<Record<SideDirective, string>>>> = { client: lowerNames('client'), proxy: lowerNames('proxy') };

function lowerNames(side: TrustSide): Record<SideDirective, string> {
  const names: Partial<Record<SideDirective, string>> = {};
  for (const name of SIDE_DIRECTIVES) names[name] = (PREFIXES[side] + name).toLowerCase();
  return names as Record<SideDirective, string>;
}

class Side implements SideSettings {
  readonly depth: number;

  constructor(
    readonly side: TrustSide,
    readonly host: HostCertificates,
    readonly verify: VerifyMode,
  ) {
    const depthWord = this.setting('VerifyDepth')?.line.item.args[0];
    this.depth = depthWord === undefined ? 1 : atoi(depthWord);
  }

  directive(name: SideDirective): string {
    return PREFIXES[this.side] + name;
  }

  setting(name: SideDirective): HostSetting | undefined {
    return this.host.setting(LOWER_NAMES[this.side][name]);
  }
}

const ASKS_OPTIONAL = 1;
const ASKS_REQUIRE = 2;

/** What the per-directory SSLVerifyClient lines (those in a section) among `lines` ask for: ASKS_* bits. */
function perDirectoryAsks(lines: readonly Placed[]): number {
  let asks = 0;
  for (const line of lines) {
    if (line.name !== 'sslverifyclient' || line.within.length === 0) continue;
    const mode = verifyMode(line.item.args[0]);
    if (mode === 'require') asks |= ASKS_REQUIRE;
    else if (mode === 'optional') asks |= ASKS_OPTIONAL;
  }
  return asks;
}

/**
 * The host's SSLVerifyClient, or the strictest a <Location>/<Directory> of the
 * host (or of the server config, which virtual hosts inherit) asks for: a
 * per-directory optional or require verifies against the host's CA files too.
 */
function clientVerify(host: HostCertificates, serverAsks: number): VerifyMode {
  const own = verifyMode(host.setting('sslverifyclient')?.line.item.args[0]) ?? 'none';
  if (own === 'require') return own;
  const asks = host.host.virtualHost ? perDirectoryAsks(host.host.lines) | serverAsks : serverAsks;
  if (asks & ASKS_REQUIRE) return 'require';
  if (own === 'optional' || asks & ASKS_OPTIONAL) return 'optional';
  return own;
}

/** Client certificates are checked against the side's CA certificates (optional_no_ca does not check them). */
export function verifiesPeers(side: SideSettings): boolean {
  return side.verify === 'optional' || side.verify === 'require';
}

/** How a certificate is named in messages: its subject, and its place in the file. */
export function certificateName(certificate: { index: number; facts: CertificateFacts }): string {
  return `"${certificate.facts.subject || '(empty subject)'}" (certificate ${certificate.index + 1})`;
}

/** Up to `shown` names, then how many more. */
export function listNames(names: readonly string[], shown = 3): string {
  const listed = names.slice(0, shown).join(', ');
  return names.length > shown ? `${listed} and ${names.length - shown} more` : listed;
}
