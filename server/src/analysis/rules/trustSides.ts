// The CA, CRL and client-certificate files each host makes mod_ssl load at
// start-up, side by side: the client side (a TLS host: SSLEngine on) and the
// proxy side (SSLProxyEngine on for the host). mod_ssl sets up the same
// verification for both (ssl_init_ctx_verify, ssl_init_ctx_crl), loading the
// CA file whether or not certificates are asked for, and names the proxy's
// directives with an "SSLProxy" prefix.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import type { CertificateFacts } from '../certs/describeCertificate';
import type { CertificateFileContents } from '../certs/readCertificateFile';
import { hostCertificates, type HostCertificates } from '../certs/hostCertificates';
import { isOn, proxyModel, type Placed } from '../proxyHosts';
import { atoi, verifyMode, type VerifyMode } from './hostTls';

export type TrustSide = 'client' | 'proxy';

/** The directives each side has, without the `SSL` / `SSLProxy` prefix. */
export type SideDirective = 'CACertificateFile' | 'CACertificatePath' | 'CARevocationFile' | 'CARevocationPath' | 'CARevocationCheck' | 'VerifyDepth';

export interface SideSettings {
  side: TrustSide;
  host: HostCertificates;
  /** The directive name as written in messages, for the side: `SSLCACertificateFile` or `SSLProxyCACertificateFile`. */
  directive(name: SideDirective): string;
  /** The line in force for the side's directive (the host's, else the server config's), with the path it names. */
  setting(name: SideDirective): { line: Placed; path?: string } | undefined;
  /** How peer certificates are verified: SSLVerifyClient (or a per-directory one) / SSLProxyVerify. */
  verify: VerifyMode;
  /** mod_ssl's maximum chain depth for the side (default 1). */
  depth: number;
}

/** Each side's SSL(Proxy)CACertificateFile that can be read, with its line and contents (cert/file-missing speaks for the rest). */
export function* caFilesOf(
  sides: Iterable<SideSettings>,
  certificates: CertificateReader,
): Iterable<{ side: SideSettings; ca: { line: Placed; path: string }; contents: CertificateFileContents }> {
  for (const side of sides) {
    const ca = side.setting('CACertificateFile');
    if (!ca?.path) continue;
    const read = certificates.read(ca.path);
    if ('contents' in read) yield { side, ca: { line: ca.line, path: ca.path }, contents: read.contents };
  }
}

/** Every side mod_ssl sets up, host by host: the client side of TLS hosts, the proxy side of hosts with SSLProxyEngine on. */
export function trustSides(model: ConfigModel): SideSettings[] {
  const proxy = proxyModel(model);
  const sides: SideSettings[] = [];
  for (const host of hostCertificates(model)) {
    if (host.tls) sides.push(side('client', host, clientVerify(host, proxy.server.lines)));
    if (isOn(host.setting('sslproxyengine')?.line)) sides.push(side('proxy', host, verifyMode(host.setting('sslproxyverify')?.line.item.args[0]) ?? 'none'));
  }
  return sides;
}

function side(which: TrustSide, host: HostCertificates, verify: VerifyMode): SideSettings {
  const prefix = which === 'client' ? 'SSL' : 'SSLProxy';
  const depthWord = host.setting(`${prefix}VerifyDepth`.toLowerCase())?.line.item.args[0];
  return {
    side: which,
    host,
    directive: (name) => prefix + name,
    setting: (name) => host.setting((prefix + name).toLowerCase()),
    verify,
    depth: depthWord === undefined ? 1 : atoi(depthWord),
  };
}

/**
 * The host's SSLVerifyClient, or the strictest a <Location>/<Directory> of the
 * host (or of the server config, which virtual hosts inherit) asks for: a
 * per-directory optional or require verifies against the host's CA files too.
 */
function clientVerify(host: HostCertificates, serverLines: readonly Placed[]): VerifyMode {
  const own = verifyMode(host.setting('sslverifyclient')?.line.item.args[0]) ?? 'none';
  if (own === 'require') return own;
  const lines = host.host.virtualHost ? [...host.host.lines, ...serverLines] : host.host.lines;
  const perDirectory = lines.filter((line) => line.name === 'sslverifyclient' && line.within.length > 0).map((line) => verifyMode(line.item.args[0]));
  if (perDirectory.includes('require')) return 'require';
  if (own === 'optional' || perDirectory.includes('optional')) return 'optional';
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
