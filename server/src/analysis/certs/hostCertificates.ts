// The certificates each host serves, as mod_ssl pairs them: the n-th
// SSLCertificateFile with the n-th SSLCertificateKeyFile, a virtual host's
// line replacing the server config's at the same position. Built once per
// configuration model from the proxy model's host index.
import type { ConfigModel } from '../../config/buildConfigModel';
import { hostSetting, ownLines, proxyModel, type Host, type Placed, type ProxyModel } from '../proxyHosts';
import { CERTIFICATE_DIRECTIVES, certificatePath, type CertificateDirective } from './certificateDirectives';
import { perModel } from '../../config/oncePer';

export interface CertificatePair {
  certificate: Placed;
  /** Absent when no key line goes with it: the key must then be in the certificate file. */
  key?: Placed;
  certificatePath?: string;
  keyPath?: string;
}

/** A line in force, with the path it names when it is a certificate directive's. */
export interface HostSetting {
  readonly line: Placed;
  readonly path?: string;
}

export interface HostCertificates {
  host: Host;
  /** SSLEngine on (or optional) in force for the host. */
  tls: boolean;
  pairs: CertificatePair[];
  /** The setting in force for the host (its own, else the server config's), with the path a certificate directive names. */
  setting(name: string): HostSetting | undefined;
}

export const hostCertificates = perModel((model): readonly HostCertificates[] => {
  const proxy = proxyModel(model);
  const paths = linePathsOf(model);
  return proxy.hosts.map((host) => new HostEntry(proxy, host, paths));
});

/** The SSLCertificateChainFile in force for a host, and whether mod_ssl skips its first certificate (the file is also one of the host's certificate files). */
export function chainFileOf(host: HostCertificates): { line: Placed; path: string; skipsFirst: boolean } | undefined {
  const chain = host.setting('sslcertificatechainfile');
  if (chain?.path === undefined) return undefined;
  return { line: chain.line, path: chain.path, skipsFirst: host.pairs.some((pair) => pair.certificatePath === chain.path) };
}

/** A placed line with the path it names when it is a certificate directive's, made once per line. */
export function lineSetting(model: ConfigModel, line: Placed): HostSetting {
  return linePathsOf(model).setting(line);
}

const linePathsOf = perModel((model) => new LinePaths(model.serverRoot));

/**
 * Each line's setting, made once: the hosts of a tree share the server
 * config's lines, and name the same few files, so the path is worked out once
 * per word and the setting once per line. Only certificate directives name a
 * path (SSLVerifyClient's `optional` is no file).
 */
class LinePaths {
  private readonly byWord = new Map<string, string | undefined>();
  private readonly byLine = new Map<Placed, HostSetting>();

  constructor(private readonly serverRoot: string) {}

  setting(line: Placed): HostSetting {
    let setting = this.byLine.get(line);
    if (!setting) {
      const directive = CERTIFICATE_DIRECTIVES.get(line.name);
      const path = directive ? this.path(line.item.args[0], directive) : undefined;
      setting = path === undefined ? { line } : { line, path };
      this.byLine.set(line, setting);
    }
    return setting;
  }

  private path(written: string | undefined, directive: CertificateDirective): string | undefined {
    if (written === undefined) return undefined;
    // A PKCS#11 URI is a path for most directives: the word alone does not say which.
    const key = directive.keyId ? `id ${written}` : written;
    if (!this.byWord.has(key)) this.byWord.set(key, certificatePath(this.serverRoot, written, directive));
    return this.byWord.get(key);
  }
}

class HostEntry implements HostCertificates {
  readonly tls: boolean;
  readonly pairs: CertificatePair[];

  constructor(
    private readonly proxy: ProxyModel,
    readonly host: Host,
    private readonly paths: LinePaths,
  ) {
    const engine = hostSetting(proxy, host, 'sslengine');
    const mode = engine?.item.args[0]?.toLowerCase();
    this.tls = mode === 'on' || mode === 'optional';
    const certificates = this.byPosition('sslcertificatefile');
    const keys = this.byPosition('sslcertificatekeyfile');
    this.pairs = certificates.map((certificate, i) => {
      const key = keys[i];
      return { certificate, key, certificatePath: paths.setting(certificate).path, keyPath: key && paths.setting(key).path };
    });
  }

  setting(name: string): HostSetting | undefined {
    const line = hostSetting(this.proxy, this.host, name);
    return line && this.paths.setting(line);
  }

  /** The lines in force by position: the virtual host's n-th, else the server config's n-th. */
  private byPosition(name: string): readonly Placed[] {
    const own = ownLines(this.host, name);
    if (this.host === this.proxy.server) return own;
    const inherited = ownLines(this.proxy.server, name);
    if (own.length >= inherited.length) return own;
    const lines: Placed[] = [];
    for (let i = 0; i < inherited.length; i++) lines.push(own[i] ?? inherited[i]);
    return lines;
  }
}
