// ssl/per-dir-client-auth: move client verification from a <Location>
// (<Directory>, <Files>, <If>) to its <VirtualHost>. Per-directory
// SSLVerifyClient makes mod_ssl renegotiate (TLS 1.2) or ask for
// post-handshake authentication (TLS 1.3), which browsers do not offer and
// HTTP/2 forbids: 403 even with a valid certificate. Asked for in the
// handshake instead (`SSLVerifyClient optional` on the host), the certificate
// is checked per request by `Require expr %{SSL_CLIENT_VERIFY} == 'SUCCESS'`.
//
// One edit, possibly over two files (the host's and the section's):
// - the section loses its SSLVerifyClient and SSLVerifyDepth lines;
// - the host's SSLVerifyClient `none` becomes `optional` (any other level
//   stays; none written and none inherited: a line is added), and its
//   SSLVerifyDepth is raised to the removed one (added when it has none);
// - for `require`, the section gets the Require expr line, joined by what its
//   SSLRequire lines asked (in ap_expr's words) and its SSLRequireSSL (which
//   the client verification implies): those lines go. Existing Require lines
//   are wrapped with it in <RequireAll>.
// New host lines go after the host's last SSL* line, else its ServerName,
// else its first line, indented like the host's body.
import { CodeActionKind, type TextEdit } from 'vscode-languageserver-types';
import type { LiveItem, LiveSection } from '../../config/buildConfigModel';
import { CONDITIONAL_SECTIONS } from '../../config/evaluateCondition';
import type { ConfigFile, DirectiveNode, Node, SectionNode } from '../../parser/ast';
import { positionAt } from '../../parser/lineIndex';
import {
  authorizationEdits,
  bodyIndent,
  conjunct,
  directiveAt,
  indentOf,
  indentUnit,
  lineBreakAt,
  perDirectorySectionOf,
  sslRequireExpression,
  translateSslRequire,
} from './sslRequireToRequireExpr';
import type { QuickFix, QuickFixContext } from './types';

const CLIENT_VERIFIED = "%{SSL_CLIENT_VERIFY} == 'SUCCESS'";

export const moveClientVerificationFix: QuickFix = {
  code: 'ssl/per-dir-client-auth',
  fix(diagnostic, context) {
    const node = directiveAt(context.file, diagnostic.range, 'sslverifyclient');
    const section = node && perDirectorySectionOf(node);
    const level = verifyLevel(node?.args[0]?.value);
    if (!node || !section || !level || level === 'none') return [];
    const host = virtualHostOf(section, context);
    if (!host) return [];

    const verification = linesIn(section, ['sslverifyclient', 'sslverifydepth']);
    const depths = verification.filter((line) => line.name.toLowerCase() === 'sslverifydepth').map((line) => atoi(line.args[0]?.value));
    const remove: Node[] = [...verification];
    const requires: string[] = [];
    if (level === 'require') {
      const conditions = [CLIENT_VERIFIED];
      for (const child of section.children) {
        if (child.kind !== 'directive') continue;
        const name = child.name.toLowerCase();
        if (name === 'sslrequiressl') remove.push(child);
        if (name !== 'sslrequire') continue;
        const translation = translateSslRequire(sslRequireExpression(context.file, child));
        // An SSLRequire that ap_expr cannot say stays: mod_ssl still checks it.
        if ('error' in translation) continue;
        remove.push(child);
        conditions.push(conjunct(translation.expression, translation.root));
      }
      requires.push(`Require expr ${conditions.join(' && ')}`);
    }

    const target = level === 'optional_no_ca' ? 'optional_no_ca' : 'optional';
    const changes = new Map<string, TextEdit[]>();
    const add = (path: string, edits: TextEdit[]) => changes.set(path, [...(changes.get(path) ?? []), ...edits]);
    add(host.path, hostEdits(host, target, depths.length > 0 ? Math.max(...depths) : undefined));
    add(context.path, authorizationEdits({ ...context, section, remove, requires }));
    const edit = {
      changes: Object.fromEntries(
        [...changes].map(([path, edits]) => [
          path === context.path ? context.uri : context.uriOf(path),
          edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
        ]),
      ),
    };
    const here = level === 'require' ? `, Require expr ${CLIENT_VERIFIED} here` : '';
    return [
      {
        title: `Move client verification to the virtual host (SSLVerifyClient ${target} there${here})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit,
      },
    ];
  },
};

/** Directives named `names` in a section, looking into its conditional sections. */
function linesIn(section: SectionNode, names: readonly string[]): DirectiveNode[] {
  const found: DirectiveNode[] = [];
  const visit = (nodes: readonly Node[]) => {
    for (const node of nodes) {
      if (node.kind === 'directive' && names.includes(node.name.toLowerCase())) found.push(node);
      else if (node.kind === 'section' && CONDITIONAL_SECTIONS.has(node.name.toLowerCase())) visit(node.children);
    }
  };
  visit(section.children);
  return found;
}

/** What mod_ssl makes of an SSLVerifyClient argument (ssl_cmd_verify_parse: `off` is none, `on` require, any case). */
function verifyLevel(value: string | undefined): string | undefined {
  const level = value?.toLowerCase();
  if (level === 'off') return 'none';
  return level === 'on' ? 'require' : level;
}

/** Apache reads depths with atoi(): leading digits, else 0. */
function atoi(value: string | undefined): number {
  const number = Number.parseInt(value ?? '', 10);
  return Number.isNaN(number) ? 0 : number;
}

interface Host {
  section: SectionNode;
  path: string;
  file: ConfigFile;
  /** Its directive lines as Apache reads them (includes and true conditionals opened), with their files. */
  lines: { node: DirectiveNode; path: string; name: string; value: string }[];
  /** The server config's last value of a directive, by lower-case name. */
  server: Map<string, string>;
}

/** The <VirtualHost> around a section: in its file, else around the Include that reads the file. */
function virtualHostOf(section: SectionNode, context: QuickFixContext): Host | undefined {
  const { model } = context;
  let found: { section: SectionNode; path: string; file: ConfigFile } | undefined;
  for (let parent = section.parent; parent.kind === 'section' && !found; parent = parent.parent) {
    if (parent.name.toLowerCase() === 'virtualhost') found = { section: parent, path: context.path, file: context.file };
  }
  if (!found) {
    const outer = [...(model.files.get(context.path)?.enclosing ?? [])].reverse().find((s) => s.name.toLowerCase() === 'virtualhost');
    const root = outer && rootOf(outer);
    const inTree = root && [...model.files.values()].find((scope) => scope.file === root);
    if (outer && inTree) found = { section: outer, path: inTree.path, file: inTree.file };
  }
  if (!found) return undefined;
  const vhost = found.section;
  const live = findLive(model.tree, vhost);
  const lines = live
    ? live.children.flatMap((item) => (item.kind === 'directive' ? [{ node: item.node, path: item.path, name: item.name.toLowerCase(), value: item.args[0] ?? '' }] : []))
    : directChildren(vhost, found.path);
  const server = new Map<string, string>();
  for (const item of model.tree) if (item.kind === 'directive') server.set(item.name.toLowerCase(), item.args[0] ?? '');
  return { ...found, lines, server };
}

function directChildren(section: SectionNode, path: string): Host['lines'] {
  return section.children.flatMap((node) =>
    node.kind === 'directive' ? [{ node, path, name: node.name.toLowerCase(), value: node.args[0]?.value ?? '' }] : [],
  );
}

function findLive(tree: readonly LiveItem[], node: SectionNode): LiveSection | undefined {
  const pending = [...tree];
  while (pending.length > 0) {
    const item = pending.pop() as LiveItem;
    if (item.kind !== 'section') continue;
    if (item.node === node) return item;
    pending.push(...item.children);
  }
  return undefined;
}

function rootOf(node: Node): ConfigFile {
  let parent = node.parent;
  while (parent.kind === 'section') parent = parent.parent;
  return parent;
}

/**
 * Edits of the host's file: the verify level raised, the depth at least `depth`.
 * A line an Include brings into the host may serve other hosts too: it stays,
 * and a line at the end of the host's body overrides it.
 */
function hostEdits(host: Host, target: string, depth: number | undefined): TextEdit[] {
  const last = (name: string) => host.lines.filter((line) => line.name === name).pop();
  const edits: TextEdit[] = [];
  const added: string[] = [];
  let overrides = false;
  const set = (line: Host['lines'][number], value: string, directive: string) => {
    const argument = line.node.args[0];
    if (line.path === host.path && argument) edits.push({ range: argument.range, newText: value });
    else {
      overrides = true;
      added.push(`${directive} ${value}`);
    }
  };
  const verify = last('sslverifyclient');
  if (verify) {
    if (verifyLevel(verify.value) === 'none') set(verify, target, 'SSLVerifyClient');
  } else if (verifyLevel(host.server.get('sslverifyclient') ?? 'none') === 'none') {
    added.push(`SSLVerifyClient ${target}`);
  }
  if (depth !== undefined) {
    const current = last('sslverifydepth');
    if (!current) added.push(`SSLVerifyDepth ${Math.max(depth, atoi(host.server.get('sslverifydepth') ?? '1'))}`);
    else if (atoi(current.value) < depth) set(current, String(depth), 'SSLVerifyDepth');
  }
  if (added.length === 0) return edits;
  // Beside the host's SSLVerifyClient when only the depth is new; else after its last SSL* line or ServerName.
  const own = host.lines.filter((line) => line.path === host.path);
  const after = overrides
    ? undefined
    : ((verify?.path === host.path && added.length === 1 && added[0].startsWith('SSLVerifyDepth') ? verify : undefined) ??
      own.filter((line) => line.name.startsWith('ssl')).pop() ??
      own.filter((line) => line.name === 'servername').pop());
  const { text } = host.file;
  const offset = after ? after.node.end : overrides && host.section.close ? host.section.close.start : host.section.open.end;
  const indent = after ? indentOf(text, after.node) : bodyIndent(text, host.section, indentUnit(host.file, host.section));
  const eol = lineBreakAt(text, offset);
  const lead = offset === 0 || text[offset - 1] === '\n' ? '' : eol;
  const position = positionAt(host.file.lineStarts, offset);
  edits.push({ range: { start: position, end: position }, newText: lead + added.map((line) => indent + line + eol).join('') });
  return edits;
}
