// Hover on `${NAME}`: the value Apache substitutes on that line and where it
// comes from (a Define, the environment), or that it is undefined there.
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { ConfigModel, VariableUse } from '../config/buildConfigModel';
import type { Position } from '../parser/ast';
import { codeSpan, fileLink } from './hoverInclude';
import { variableAt, variableOccurrences } from './variableReferences';

/** Defines listed when none applies at the use; more would bury the point. */
const MAX_UNUSED_DEFINES = 3;

export function hoverVariable(model: ConfigModel, path: string, position: Position): Hover | null {
  const variable = variableAt(model, path, position);
  if (variable?.kind !== 'use') return null;
  const written = codeSpan(`\${${variable.name}}`);
  const uses = model.uses.filter((use) => use.path === path && use.node === variable.node && use.name === variable.name);
  let value: string;
  if (uses.length === 0) {
    value = `Apache does not read this line as it stands (a section it skips, or a macro body), so ${written} takes no value here.`;
  } else {
    // A file read more than once can see a different value each time.
    const outcomes = [...new Map(uses.map((use) => [use.definition ?? use.value, use])).values()];
    const described = outcomes.map((use) => describeUse(model, written, use));
    value = described.length === 1 ? described[0] : `This file is read more than once, and ${written} differs between reads:\n\n${described.map((text) => `- ${text}`).join('\n')}`;
  }
  return { contents: { kind: MarkupKind.Markdown, value }, range: variable.span };
}

function describeUse(model: ConfigModel, written: string, use: VariableUse): string {
  if (use.value === undefined) {
    // A file read without its main tree cannot know its Defines (the same test the model uses for AH00111).
    const text = model.definesKnown
      ? `${written} is not defined here: Apache keeps the text as written and warns about it at startup (AH00111).`
      : `No Define read here sets ${written}. The main configuration or Apache's environment may; if neither does, Apache keeps the text as written and warns about it at startup (AH00111).`;
    const defines = variableOccurrences(model, use.name).filter((occurrence) => occurrence.kind === 'define');
    if (defines.length === 0) return text;
    const places = defines.slice(0, MAX_UNUSED_DEFINES).map((define) => fileLink(model, define.path, define.range.start.line + 1));
    return `${text} ${codeSpan(`Define ${use.name}`)} at ${places.join(', ')} does not apply: Apache reads it later, or skips the section it is in.`;
  }
  const shown = use.value === '' ? 'an empty string' : codeSpan(use.value);
  const source = use.definition
    ? `set by ${codeSpan(`Define ${use.name}`)} at ${fileLink(model, use.definition.path, use.definition.node.range.start.line + 1)}`
    : 'taken from the environment Apache starts with (no Define sets it before this line)';
  const split = /\s/.test(use.value) ? ' The value holds blanks: outside quotes, Apache splits it into several arguments.' : '';
  return `${written} is ${shown} here, ${source}.${split}`;
}
