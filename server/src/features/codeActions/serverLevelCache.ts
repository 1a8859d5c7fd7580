// ssl/stapling-cache-missing, ssl/no-session-cache: add the cache line to the
// server config, just before the <VirtualHost> (or the line) that needs it,
// since neither cache may be set inside a virtual host. shmcb, as Debian's
// ssl.conf and Apache's httpd-ssl.conf use, and only when
// mod_socache_shmcb is loaded (else Apache refuses the line).
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { isDebianLayout } from '../../analysis/moduleOfDirective';
import { CONDITIONAL_SECTIONS } from '../../config/evaluateCondition';
import type { Node } from '../../parser/ast';
import { nodeAt } from '../../parser/nodeAt';
import { insertBefore } from './lineEdits';
import type { QuickFixContext } from './types';

const CACHES: Record<string, { file: string; size: number }> = {
  SSLStaplingCache: { file: 'ssl_stapling', size: 32768 },
  SSLSessionCache: { file: 'ssl_scache', size: 512000 },
};

export function serverLevelCacheAction(diagnostic: Diagnostic, context: QuickFixContext): CodeAction | undefined {
  const name = (diagnostic.data as { cache?: string } | undefined)?.cache;
  const cache = name ? CACHES[name] : undefined;
  const node = nodeAt(context.file, diagnostic.range.start);
  const { model } = context;
  if (!name || !cache || !node || !model.loadedModules.has('socache_shmcb_module')) return undefined;
  // A file read inside a section (an Include in a <VirtualHost>) has no server level of its own.
  if ((model.files.get(context.path)?.enclosing ?? []).some((section) => !CONDITIONAL_SECTIONS.has(section.name.toLowerCase()))) return undefined;
  const folder = isDebianLayout(model) ? '${APACHE_RUN_DIR}' : 'logs';
  const line = `${name} "shmcb:${folder}/${cache.file}(${cache.size})"`;
  return {
    title: `Add ${line} to the server config`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { changes: { [context.uri]: [insertBefore(context.file, outermostSection(node), [line])] } },
  };
}

/** The outermost section around `node` that is not a conditional one; the node itself at server level. */
function outermostSection(node: Node): Node {
  let outermost: Node = node;
  for (let parent = node.parent; parent.kind === 'section'; parent = parent.parent) {
    if (!CONDITIONAL_SECTIONS.has(parent.name.toLowerCase())) outermost = parent;
  }
  return outermost;
}
