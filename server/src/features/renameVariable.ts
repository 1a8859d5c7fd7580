// Rename a Define variable everywhere the model read it: each Define, UnDefine
// and <IfDefine> name and each `${NAME}`. Edits replace the name's characters
// only, so quotes, `${`, `}`, `!` and everything else stay byte for byte.
import { pathToFileURL } from 'node:url';
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ConfigModel } from '../config/buildConfigModel';
import type { Position } from '../parser/ast';
import { variableAt, variableOccurrences, type VariableOccurrence } from './variableReferences';

export function prepareRenameVariable(model: ConfigModel, path: string, position: Position): { range: Range; placeholder: string } | undefined {
  const variable = variableAt(model, path, position);
  return variable && { range: variable.range, placeholder: variable.name };
}

export function renameVariable(model: ConfigModel, path: string, position: Position, newName: string): WorkspaceEdit | { error: string } {
  const variable = variableAt(model, path, position);
  if (!variable) return { error: 'Put the cursor on a ${NAME} or on the name after Define, UnDefine or <IfDefine> to rename a variable.' };
  const refused = refuseName(newName);
  if (refused) return { error: refused };
  const { name } = variable;
  if (newName === name) return { changes: {} };
  const occurrences = variableOccurrences(model, name);
  if (!occurrences.some((occurrence) => occurrence.kind === 'define' || occurrence.kind === 'undefine')) {
    return { error: `No Define in this configuration sets ${name}: it comes from the environment or from -D, and renaming it here would not rename it there.` };
  }
  const continued = occurrences.find((occurrence) => !occurrence.exact);
  if (continued) return { error: `${name} at ${place(continued)} is written across a line continuation; join that line, then rename.` };
  const taken = variableOccurrences(model, newName)[0];
  if (taken) return { error: `${newName} is already used at ${place(taken)}; renaming ${name} to it would merge two variables.` };
  const changes: Record<string, TextEdit[]> = {};
  for (const occurrence of occurrences) {
    const uri = pathToFileURL(occurrence.path).href;
    (changes[uri] ??= []).push({ range: occurrence.range, newText: newName });
  }
  return { changes };
}

/** Why Apache, or the `${NAME}` syntax, could not take the name; undefined when it can. */
function refuseName(name: string): string | undefined {
  if (name === '') return 'A variable name cannot be empty.';
  if (name.includes(':')) return "Apache refuses a variable name with ':' (\"Variable name must not contain ':'\").";
  if (name.includes('}')) return "A variable name with '}' cannot be written as ${NAME}: the first '}' ends it.";
  if (/\s/.test(name)) return 'A variable name with blanks would be split into separate words.';
  if (/["'\\]/.test(name)) return 'A variable name with quotes or backslashes would need escaping wherever it is written.';
  if (name.startsWith('!')) return "A variable name starting with '!' cannot be tested: <IfDefine !NAME> means NAME is not defined.";
  if (name.includes('${')) return "A variable name containing '${' would read as the start of another variable.";
  return undefined;
}

function place(occurrence: VariableOccurrence): string {
  return `${occurrence.path}:${occurrence.range.start.line + 1}`;
}
