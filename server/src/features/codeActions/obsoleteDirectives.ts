// Obsolete or insecure lines: deleted where the default is what is wanted
// (SSLCompression on, SSLInsecureRenegotiation on), rewritten where a
// successor says the same (SSLLog → ErrorLog, SSLLogLevel → LogLevel ssl:…,
// SSLEngine optional → on, SSLSessionTickets on → off, SSLProxyCheckPeerCN →
// SSLProxyCheckPeerName). A rewrite is offered only where it keeps what the
// line did, or says plainly what changes.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { hostPlaceOf } from '../../analysis/tlsSettings';
import type { DirectiveNode } from '../../parser/ast';
import { deleteLines, directiveOfFinding, insertAfter, replaceArguments, siblingsNamed } from './lineEdits';
import type { QuickFixContext } from './types';

function action(title: string, diagnostic: Diagnostic, context: QuickFixContext, edits: TextEdit[], isPreferred: boolean): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes: { [context.uri]: edits } } };
}

/** SSLCompression on, SSLInsecureRenegotiation on: delete (the default is off), or write off. */
export function offByDefaultActions(diagnostic: Diagnostic, context: QuickFixContext, name: string): CodeAction[] {
  const node = directiveOfFinding(context.file, diagnostic.range, [name.toLowerCase()]);
  if (!node || node.args.length !== 1) return [];
  return [
    action(`Delete ${name} (off is the default)`, diagnostic, context, [deleteLines(context.file, node)], true),
    action(`Change to ${name} off`, diagnostic, context, [replaceArguments(node, 'off')], false),
  ];
}

export function engineOptionalActions(diagnostic: Diagnostic, context: QuickFixContext): CodeAction[] {
  const node = directiveOfFinding(context.file, diagnostic.range, ['sslengine']);
  if (!node || node.args.length !== 1) return [];
  return [
    action('Change to SSLEngine on (TLS only on this host)', diagnostic, context, [replaceArguments(node, 'on')], false),
    action('Delete SSLEngine optional (plain HTTP, as 2.4.64 and later treat it)', diagnostic, context, [deleteLines(context.file, node)], false),
  ];
}

/** mod_ssl 2.0 levels to LogLevel's; `none` has no counterpart. */
const LOG_LEVELS: Record<string, string> = { error: 'error', warn: 'warn', info: 'info', trace: 'debug', debug: 'debug' };

export function sslLogActions(diagnostic: Diagnostic, context: QuickFixContext): CodeAction[] {
  const node = directiveOfFinding(context.file, diagnostic.range, ['ssllog', 'sslloglevel']);
  if (!node) return [];
  const actions: CodeAction[] = [];
  const enclosing = context.model.files.get(context.path)?.enclosing ?? [];
  if (node.name.toLowerCase() === 'ssllog') {
    // ErrorLog is per host; a second one in the same block would replace the first.
    if (node.args.length === 1 && !hostPlaceOf(node, enclosing).perDirectory && siblingsNamed(node.parent, 'errorlog').length === 0) {
      actions.push(action(`Change to ErrorLog ${node.args[0].raw} (the host's whole error log goes there)`, diagnostic, context, [renameDirective(node, 'ErrorLog')], false));
    }
  } else {
    const level = node.args.length === 1 ? LOG_LEVELS[node.args[0].value.toLowerCase()] : undefined;
    if (level) actions.push(action(`Change to LogLevel ssl:${level}`, diagnostic, context, [{ range: { start: node.nameRange.start, end: node.args[0].range.end }, newText: `LogLevel ssl:${level}` }], true));
  }
  actions.push(action(`Delete ${node.name}`, diagnostic, context, [deleteLines(context.file, node)], actions.length === 0));
  return actions;
}

/** FancyIndexing on|off: the IndexOptions line the rule worked out (`+FancyIndexing` or `-FancyIndexing`). */
export function removedDirectiveActions(diagnostic: Diagnostic, context: QuickFixContext): CodeAction[] {
  const replacement = (diagnostic.data as { replacement?: string } | undefined)?.replacement;
  const node = directiveOfFinding(context.file, diagnostic.range, ['fancyindexing']);
  const last = node?.args[node.args.length - 1];
  if (!replacement || !node || !last) return [];
  return [action(`Change to ${replacement}`, diagnostic, context, [{ range: { start: node.nameRange.start, end: last.range.end }, newText: replacement }], true)];
}

export function sessionTicketsActions(diagnostic: Diagnostic, context: QuickFixContext): CodeAction[] {
  const node = directiveOfFinding(context.file, diagnostic.range, ['sslsessiontickets', 'sslengine']);
  if (!node) return [];
  if (node.name.toLowerCase() === 'sslsessiontickets') {
    return node.args.length === 1 ? [action('Change to SSLSessionTickets off', diagnostic, context, [replaceArguments(node, 'off')], true)] : [];
  }
  return [action('Add SSLSessionTickets off', diagnostic, context, [insertAfter(context.file, node, ['SSLSessionTickets off'])], true)];
}

/**
 * SSLProxyCheckPeerCN on (with SSLProxyCheckPeerName not off) does nothing of
 * its own: delete it. SSLProxyCheckPeerCN off turns every name check off,
 * which SSLProxyCheckPeerName off says plainly. CN on with Name off (the old
 * CN-only check) has no equivalent: no fix.
 */
export function proxyCheckPeerCnActions(diagnostic: Diagnostic, context: QuickFixContext): CodeAction[] {
  const node = directiveOfFinding(context.file, diagnostic.range, ['sslproxycheckpeercn']);
  if (!node || node.args.length !== 1) return [];
  const name = siblingsNamed(node.parent, 'sslproxycheckpeername').at(-1);
  const nameValue = name?.args[0]?.value.toLowerCase();
  if (node.args[0].value.toLowerCase() === 'on') {
    return nameValue === 'off' ? [] : [action('Delete SSLProxyCheckPeerCN (SSLProxyCheckPeerName checks the name)', diagnostic, context, [deleteLines(context.file, node)], true)];
  }
  if (name) return [];
  return [action('Change to SSLProxyCheckPeerName off (the same: no name check)', diagnostic, context, [renameDirective(node, 'SSLProxyCheckPeerName')], false)];
}

function renameDirective(node: DirectiveNode, name: string): TextEdit {
  return { range: node.nameRange, newText: name };
}
