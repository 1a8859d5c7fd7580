// The outline: every section, nested as in the file, named as an administrator
// reads it (`VirtualHost *:443 — example.com`).
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { ConfigFile, Node, SectionNode } from '../parser/ast';

/** Deeper sections are listed flat under this level, so hostile nesting cannot blow up the reply. */
const MAX_DEPTH = 64;

export function documentSymbols(file: ConfigFile): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const pending: { nodes: Node[]; into: DocumentSymbol[]; depth: number }[] = [
    { nodes: file.children, into: roots, depth: 0 },
  ];
  while (pending.length > 0) {
    const { nodes, into, depth } = pending.pop() as (typeof pending)[number];
    for (const node of nodes) {
      if (node.kind !== 'section') continue;
      const symbol: DocumentSymbol = {
        name: sectionTitle(node),
        kind: symbolKind(node.name),
        range: node.range,
        selectionRange: node.open.nameRange,
        children: [],
      };
      const serverName = node.name.toLowerCase() === 'virtualhost' ? findServerName(node) : undefined;
      if (serverName) symbol.detail = serverName;
      into.push(symbol);
      if (depth + 1 < MAX_DEPTH) pending.push({ nodes: node.children, into: symbol.children as DocumentSymbol[], depth: depth + 1 });
      else pending.push({ nodes: node.children, into, depth });
    }
  }
  return roots;
}

function sectionTitle(section: SectionNode): string {
  const args = section.args.map((arg) => arg.raw).join(' ');
  const title = args === '' ? section.name : `${section.name} ${args}`;
  const serverName = section.name.toLowerCase() === 'virtualhost' ? findServerName(section) : undefined;
  return serverName ? `${title} — ${serverName}` : title;
}

function findServerName(section: SectionNode): string | undefined {
  for (const child of section.children) {
    if (child.kind === 'directive' && child.name.toLowerCase() === 'servername' && child.args.length > 0) {
      return child.args[0].value;
    }
  }
  return undefined;
}

function symbolKind(name: string): SymbolKind {
  switch (name.toLowerCase()) {
    case 'virtualhost':
      return SymbolKind.Namespace;
    case 'directory':
    case 'directorymatch':
      return SymbolKind.Package;
    case 'location':
    case 'locationmatch':
    case 'proxy':
    case 'proxymatch':
      return SymbolKind.Module;
    case 'files':
    case 'filesmatch':
      return SymbolKind.File;
    default:
      return SymbolKind.Struct;
  }
}
