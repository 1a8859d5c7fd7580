// mod/unknown-directive: a directive whose module is not loaded gets a
// LoadModule line after the tree's last one of an Apache module, its .so in
// that line's folder, with the same indentation. A misspelled name gets its
// nearest known spellings. Debian layouts enable modules with a2enmod
// (symbolic links), which no text edit can do: the message says so instead.
import { posix } from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { insertionAfter } from '../../analysis/insertionPoint';
import { isDebianLayout, loadModuleLine, moduleLoadAnchor } from '../../analysis/moduleOfDirective';
import { nodeAt } from '../../parser/nodeAt';
import { insertLine } from './insertLine';
import type { QuickFix, QuickFixContext } from './types';

interface UnknownDirectiveData {
  name?: string;
  module?: string;
  moduleFile?: string;
  suggestions?: string[];
}

export const loadModuleFix: QuickFix = {
  code: 'mod/unknown-directive',
  fix(diagnostic, context) {
    const data = (diagnostic.data ?? {}) as UnknownDirectiveData;
    if (data.module && data.moduleFile) {
      const action = addLoadModules(diagnostic, [{ identifier: data.module, file: data.moduleFile }], context);
      return action ? [action] : [];
    }
    return (data.suggestions ?? []).map((suggestion) => rename(diagnostic, data.name ?? '', suggestion, context));
  },
};

/**
 * LoadModule lines after the tree's last one of an Apache module (else its
 * last one), with its indentation, in one action. None in a Debian
 * layout (a2enmod makes links no edit can) or in a tree without LoadModule.
 */
export function addLoadModules(diagnostic: Diagnostic, modules: readonly { identifier: string; file: string }[], context: QuickFixContext): CodeAction | undefined {
  const { model } = context;
  if (isDebianLayout(model) || modules.length === 0) return undefined;
  const last = moduleLoadAnchor(model);
  if (!last) return undefined;
  const inTree = model.files.get(last.path);
  if (!inTree) return undefined;
  const lines = modules.map((module) => loadModuleLine(module.identifier, module.file, model));
  const point = insertionAfter(last.node);
  const eol = inTree.file.text.includes('\r\n') ? '\r\n' : '\n';
  const edit = insertLine(inTree.file, point, lines.join(`${eol}${point.indent}`));
  return {
    title: `Load the module${lines.length > 1 ? 's' : ''}: add ${lines.map((line) => `\`${line}\``).join(', ')} to ${posix.basename(last.path)}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { changes: { [context.uriOf(last.path)]: [edit] } },
  };
}

/** Replaces the name; for a section, in its close tag too, so the pair still matches. */
function rename(diagnostic: Diagnostic, name: string, suggestion: string, context: QuickFixContext): CodeAction {
  const bare = suggestion.replace(/^</, '');
  const start = diagnostic.range.start;
  const isSection = name.startsWith('<');
  const nameAt = (line: number, character: number): TextEdit => ({
    range: { start: { line, character }, end: { line, character: character + bare.length + (name.length - suggestion.length) } },
    newText: bare,
  });
  const edits = [nameAt(start.line, start.character + (isSection ? 1 : 0))];
  const node = nodeAt(context.file, start);
  if (isSection && node?.kind === 'section' && node.close) edits.push(nameAt(node.close.nameRange.start.line, node.close.nameRange.start.character + 2));
  return {
    title: `Change to '${suggestion}'`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [context.uri]: edits } },
  };
}
