// A virtual host only sees connections that arrive on a socket a Listen line
// opened; Apache opens none for <VirtualHost> addresses and starts without a
// word about one nobody listens for. A tree with no Listen at all is left
// alone: Apache refuses to start it ("no listening sockets available"), so it
// is a part of a configuration whose Listen lines live elsewhere.
import type { Listener, VirtualHostAddress } from '../../config/virtualHosts';
import { listVirtualHosts } from '../../config/virtualHosts';
import type { SectionNode } from '../../parser/ast';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

export const vhostNoListen: Rule = {
  id: 'vhost/no-listen',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/bind.html',
  summary: 'No Listen line accepts connections for a `<VirtualHost>` address, so it never receives a request there.',
  check({ scope, report }) {
    const map = listVirtualHosts(scope.model);
    if (map.listeners.length === 0) return;
    // A file included twice yields the same <VirtualHost> twice: one finding is enough.
    const reported = new Set<SectionNode>();
    for (const vhost of map.byFile.get(scope.path) ?? []) {
      if (reported.has(vhost.node)) continue;
      const unheard = vhost.addresses.filter((address) => !map.listeners.some((listener) => reaches(listener, address)));
      if (unheard.length === 0) continue;
      reported.add(vhost.node);
      const keys = unheard.map((address) => address.key).join(', ');
      const advice = unheard.every((address) => address.port !== '*') ? ` Add ${unheard.map(listenLine).join(' and ')}, or change the address.` : '';
      report({
        range: directiveReportRange(vhost.node),
        message:
          unheard.length === vhost.addresses.length
            ? `No Listen line accepts connections for ${keys}, so this virtual host never receives a request.${advice}`
            : `No Listen line accepts connections for ${keys}: this virtual host receives nothing on ${unheard.length === 1 ? 'that address' : 'those addresses'}.${advice}`,
      });
    }
  },
};

/**
 * Whether connections the listener accepts can land on the address. Apache
 * matches virtual hosts on the local address a connection arrived at, so a
 * wildcard Listen (`Listen 443`, 0.0.0.0, [::]) feeds every address on its
 * port (address families are not told apart), and a `*` virtual host takes
 * any listener's connections. Host names need DNS, which we do not ask: they
 * count as reached.
 */
function reaches(listener: Listener, address: VirtualHostAddress): boolean {
  if (address.port !== '*' && address.port !== listener.port) return false;
  if (listener.kind !== 'ip' || address.kind !== 'ip') return true;
  return listener.host === address.host;
}

function listenLine(address: VirtualHostAddress): string {
  return address.kind === 'any' ? `"Listen ${address.port}"` : `"Listen ${address.host}:${address.port}"`;
}
