// Our virtual host map (listVirtualHosts) against the real `apache2 -S` on
// the same tree: the same address sets, in the same order, with the same
// default, names, aliases, files and lines. Shared by the oracle test on
// written trees and the Debian tree test.
import assert from 'node:assert/strict';
import { ADDRCONFIG } from 'node:dns';
import { lookup, lookupService } from 'node:dns/promises';
import { hostname } from 'node:os';
import type { ConfigModel } from '../../server/src/config/buildConfigModel';
import { listVirtualHosts, type VirtualHost } from '../../server/src/config/virtualHosts';
import { dumpVirtualHosts, type DumpedAddressSet, type DumpedVirtualHost, type VhostDump } from './apacheVhostDump';

/**
 * Runs `apache2 -S` on the tree (with `environment`, if given, for the
 * variables its configuration reads) and asserts that our map of `model`,
 * read from the same files, is the one Apache prints. Returns Apache's dump.
 */
export async function assertSameVhostMap(
  model: ConfigModel,
  serverRoot: string,
  mainConfig: string,
  environment?: Record<string, string>,
): Promise<VhostDump> {
  const dump = dumpVirtualHosts(serverRoot, mainConfig, environment);
  const ours = await ourDump(listVirtualHosts(model).byAddress.values());
  assert.deepEqual(sortByKey(ours), sortByKey(dump.sets.map(onceEach)), `apache2 -S printed:\n${dump.output}`);
  return dump;
}

/**
 * Apache files a virtual host once per time an IP address is written on its
 * <VirtualHost> line (vhost.c only skips a wildcard repeated right away), so
 * `<VirtualHost 127.0.0.1 127.0.0.1>` alone is "a NameVirtualHost" listing it
 * twice. Our map lists each virtual host once per address set: drop the
 * repeats, which are always next to each other.
 */
function onceEach(set: DumpedAddressSet): DumpedAddressSet {
  const same = (a: DumpedVirtualHost, b: DumpedVirtualHost) => a.file === b.file && a.line === b.line;
  const virtualHosts = set.virtualHosts.filter((vhost, index) => index === 0 || !same(vhost, set.virtualHosts[index - 1]));
  if (virtualHosts.length > 1 || !set.nameBased) return { ...set, virtualHosts };
  return { ...set, nameBased: false, virtualHosts: virtualHosts.map((vhost) => ({ ...vhost, aliases: [], wildAliases: [] })) };
}

/** Our map in the shape apache2 -S prints. */
async function ourDump(sets: Iterable<{ key: string; defaultHost: VirtualHost; virtualHosts: VirtualHost[] }>): Promise<DumpedAddressSet[]> {
  const dumped: DumpedAddressSet[] = [];
  for (const set of sets) {
    const nameBased = set.virtualHosts.length > 1;
    const shown = async (vhost: VirtualHost): Promise<DumpedVirtualHost> => ({
      name: vhost.name ?? (await lookedUpName(vhost)),
      file: vhost.path,
      line: vhost.line,
      aliases: nameBased ? vhost.aliases.map((a) => a.name).filter((name) => !/[*?]/.test(name)) : [],
      wildAliases: nameBased ? vhost.aliases.map((a) => a.name).filter((name) => /[*?]/.test(name)) : [],
    });
    const virtualHosts = await Promise.all(set.virtualHosts.map(shown));
    const { name, file, line } = await shown(set.defaultHost);
    dumped.push({ key: set.key, nameBased, defaultHost: { name, file, line }, virtualHosts });
  }
  return dumped;
}

/**
 * The name Apache gives a virtual host with no ServerName where our map has
 * none (vhost.c, ap_fini_vhost_config): on a wildcard address the main
 * server's, which without a ServerName is the machine's; else the reverse
 * name of its first address.
 */
function lookedUpName(vhost: VirtualHost): Promise<string> {
  return vhost.addresses.some((address) => address.kind === 'any') ? localHostName() : reverseName(vhost);
}

/** What Apache names a virtual host with no ServerName on an IP address: getnameinfo of its first address. */
async function reverseName(vhost: VirtualHost): Promise<string> {
  const address = vhost.addresses[0].host.replace(/^\[(.*)\]$/, '$1');
  try {
    return (await lookupService(address, 0)).hostname;
  } catch {
    return 'bogus_host_without_reverse_dns';
  }
}

/**
 * The main server's name when no ServerName is set (util.c, ap_get_local_host):
 * the reverse name of the machine's first address if it has a dot, else the
 * machine's name if it has one, else that address; 127.0.0.1 when the name
 * does not resolve.
 */
async function localHostName(): Promise<string> {
  const name = hostname();
  let address: string;
  try {
    // apr_sockaddr_info_get(APR_UNSPEC): getaddrinfo with AI_ADDRCONFIG, the first answer.
    address = (await lookup(name, { hints: ADDRCONFIG, verbatim: true })).address;
  } catch {
    return '127.0.0.1';
  }
  const reverse = await lookupService(address, 0).then(
    (found) => found.hostname,
    () => undefined,
  );
  if (reverse?.includes('.')) return reverse;
  return name.includes('.') ? name : address;
}

function sortByKey(sets: DumpedAddressSet[]): DumpedAddressSet[] {
  return [...sets].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
