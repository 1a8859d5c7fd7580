// mod/unknown-directive: a directive whose module is not loaded gets a
// LoadModule line after the last one of the tree, written the way that one
// is (same folder for the .so, same indentation). A misspelled name gets its
// nearest known spellings. Debian layouts enable modules with a2enmod
// (symbolic links), which no text edit can do: the message says so instead.
import { posix } from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { isDebianLayout, loadModuleLine } from '../../analysis/moduleOfDirective';
import { positionAt } from '../../parser/lineIndex';
import { nodeAt } from '../../parser/nodeAt';
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
      const action = addLoadModule(diagnostic, data.module, data.moduleFile, context);
      return action ? [action] : [];
    }
    return (data.suggestions ?? []).map((suggestion) => rename(diagnostic, data.name ?? '', suggestion, context));
  },
};

function addLoadModule(diagnostic: Diagnostic, identifier: string, moduleFile: string, context: QuickFixContext): CodeAction | undefined {
  const { model } = context;
  if (isDebianLayout(model)) return undefined;
  const last = [...model.loadedModules.values()].pop();
  if (!last) return undefined;
  const inTree = model.files.get(last.path);
  if (!inTree) return undefined;
  const line = loadModuleLine(identifier, moduleFile, model);
  const text = inTree.file.text;
  const indent = /^[ \t]*/.exec(text.slice(last.node.start))?.[0] ?? '';
  const edit: TextEdit = text[last.node.end - 1] === '\n'
    ? { range: emptyRangeAt(inTree.file, last.node.end), newText: `${indent}${line}${lineBreakOf(text)}` }
    : { range: emptyRangeAt(inTree.file, last.node.end), newText: `${lineBreakOf(text)}${indent}${line}` };
  return {
    title: `Load the module: add \`${line}\` to ${posix.basename(last.path)}`,
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

function emptyRangeAt(file: { lineStarts: number[] }, offset: number) {
  const position = positionAt(file.lineStarts, offset);
  return { start: position, end: position };
}

function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
