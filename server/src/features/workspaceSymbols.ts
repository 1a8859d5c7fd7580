// "Go to symbol in workspace": one entry per <VirtualHost> of the tree, named
// the way one asks for a site (`example.com:443`), its aliases beside it.
import { pathToFileURL } from 'node:url';
import { SymbolInformation, SymbolKind } from 'vscode-languageserver-types';
import type { ConfigModel } from '../config/buildConfigModel';
import { listVirtualHosts, type VirtualHost } from '../config/virtualHosts';
import { usePlace } from '../config/placeOnDisk';

export function workspaceSymbols(model: ConfigModel, query: string): SymbolInformation[] {
  const wanted = query.toLowerCase();
  const symbols: SymbolInformation[] = [];
  for (const vhost of listVirtualHosts(model).virtualHosts) {
    const name = symbolName(vhost);
    if (!isSubsequence(wanted, name.toLowerCase())) continue;
    const aliases = vhost.aliases.map((alias) => alias.name).join(', ');
    // A host a macro builds is found at the Use line that builds it.
    const place = usePlace(model, vhost.path, vhost.node.open.range);
    symbols.push(SymbolInformation.create(name, SymbolKind.Namespace, place.range, pathToFileURL(place.path).href, aliases || undefined));
  }
  return symbols;
}

/** `name:port` of the first address; the address itself when Apache would ask DNS for the name. */
function symbolName(vhost: VirtualHost): string {
  const first = vhost.addresses[0];
  if (!first) return vhost.name ?? `VirtualHost ${vhost.node.args.map((arg) => arg.raw).join(' ')}`;
  return `${vhost.name ?? first.host}:${first.port}`;
}

/** VS Code's fuzzy rule, simplified: the query's characters appear in the name in order. */
function isSubsequence(query: string, name: string): boolean {
  let at = 0;
  for (const character of name) if (character === query[at]) at++;
  return at >= query.length;
}
