// The certificates each host serves, as mod_ssl pairs them: the n-th
// SSLCertificateFile with the n-th SSLCertificateKeyFile, a virtual host's
// line replacing the server config's at the same position. Built once per
// configuration model from the proxy model's host index.
import type { ConfigModel } from '../../config/buildConfigModel';
import { hostSetting, isOn, ownLines, proxyModel, type Host, type Placed, type ProxyModel } from '../proxyHosts';
import { certificatePath } from './certificateDirectives';

export interface CertificatePair {
  certificate: Placed;
  /** Absent when no key line goes with it: the key must then be in the certificate file. */
  key?: Placed;
  certificatePath?: string;
  keyPath?: string;
}

export interface HostCertificates {
  host: Host;
  /** SSLEngine on (or optional) in force for the host. */
  tls: boolean;
  pairs: CertificatePair[];
  /** The setting in force for the host (its own, else the server config's), with the path it names. */
  setting(name: string): { line: Placed; path?: string } | undefined;
}

const cache = new WeakMap<ConfigModel, HostCertificates[]>();

export function hostCertificates(model: ConfigModel): readonly HostCertificates[] {
  let hosts = cache.get(model);
  if (!hosts) {
    const proxy = proxyModel(model);
    hosts = proxy.hosts.map((host) => describeHost(model, proxy, host));
    cache.set(model, hosts);
  }
  return hosts;
}

function describeHost(model: ConfigModel, proxy: ProxyModel, host: Host): HostCertificates {
  const engine = hostSetting(proxy, host, 'sslengine');
  const certificates = byPosition(proxy, host, 'sslcertificatefile');
  const keys = byPosition(proxy, host, 'sslcertificatekeyfile');
  const pathOf = (line: Placed | undefined) => certificatePath(model.serverRoot, line?.item.args[0]);
  return {
    host,
    tls: isOn(engine) || engine?.item.args[0]?.toLowerCase() === 'optional',
    pairs: certificates.map((certificate, index) => ({
      certificate,
      key: keys[index],
      certificatePath: pathOf(certificate),
      keyPath: pathOf(keys[index]),
    })),
    setting(name) {
      const line = hostSetting(proxy, host, name);
      return line && { line, path: pathOf(line) };
    },
  };
}

/** The lines in force by position: the virtual host's n-th, else the server config's n-th. */
function byPosition(proxy: ProxyModel, host: Host, name: string): Placed[] {
  const own = ownLines(host, name);
  const inherited = host === proxy.server ? [] : ownLines(proxy.server, name);
  return Array.from({ length: Math.max(own.length, inherited.length) }, (_, i) => own[i] ?? inherited[i]);
}
