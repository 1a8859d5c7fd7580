// Go to definition: from an Include argument to the files it read, from
// `${NAME}` to the Define that gave the value there, from a Define's name to
// itself, from a Use's macro name to the <Macro> it expands, and from a path
// argument to the file it names.
import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver-types';
import { macroReferences } from '../analysis/macros';
import type { ConfigModel, VariableDefinition } from '../config/buildConfigModel';
import { bodyPlace } from '../config/placeOnDisk';
import type { DirectiveIndex } from '../knowledge/directiveIndex';
import type { Position } from '../parser/ast';
import { contains, nodeAt } from '../parser/nodeAt';
import { pathArgumentTarget } from './documentLinks';
import { includeSitesOf } from './hoverInclude';
import { occurrencesOnLine, toLocation, variableAt, variableOccurrences, type VariableOccurrence } from './variableReferences';

export interface DefinitionOptions {
  directives: DirectiveIndex;
  /** True for a regular file: a folder is nowhere an editor can go. */
  isFile: (path: string) => boolean;
}

const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function definition(model: ConfigModel, path: string, position: Position, options: DefinitionOptions): Location[] {
  const variable = variableAt(model, path, position);
  if (variable) return variableDefinition(model, variable);
  const file = model.files.get(path)?.file;
  const node = file && nodeAt(file, position);
  if (node?.kind !== 'directive') return [];
  const index = node.args.findIndex((arg) => contains(arg.range, position));
  if (index === -1) return [];
  if (index === 0 && /^(use|undefmacro)$/i.test(node.name)) {
    const macro = macroReferences(model).find((reference) => reference.line.node === node)?.macro;
    if (!macro) return [];
    const place = bodyPlace(model, macro.path, macro.node.open.range);
    return [{ uri: pathToFileURL(place.path).href, range: place.range }];
  }
  const sites = index === 0 ? includeSitesOf(model, path, node) : [];
  if (sites.length > 0) {
    const read = new Set(sites.flatMap((site) => site.files).filter((included) => model.files.has(included)));
    return [...read].map(fileStart);
  }
  const target = pathArgumentTarget(node, index, { directives: options.directives, model, path }, options.isFile);
  return target ? [fileStart(target)] : [];
}

function variableDefinition(model: ConfigModel, variable: VariableOccurrence): Location[] {
  if (variable.kind === 'define') return [toLocation(variable)];
  if (variable.kind === 'use') {
    const uses = model.uses.filter((use) => use.path === variable.path && use.node === variable.node && use.name === variable.name);
    const given = new Set(uses.flatMap((use) => (use.definition ? [use.definition] : [])));
    if (given.size > 0) return [...given].map((define) => defineLocation(model, define));
  }
  // Undefined here, from the environment, or an UnDefine/<IfDefine>: every Define of the name may matter.
  return variableOccurrences(model, variable.name)
    .filter((occurrence) => occurrence.kind === 'define')
    .map(toLocation);
}

/** The name in the Define line. */
function defineLocation(model: ConfigModel, define: VariableDefinition): Location {
  const inTree = model.files.get(define.path);
  // A Define a macro expanded is found in the macro's body.
  if (inTree?.macro) return toLocation(bodyPlace(model, define.path, define.node.range));
  const name = inTree && occurrencesOnLine(define.node, inTree.file, define.path).find((occurrence) => occurrence.kind === 'define');
  return toLocation(name ?? { path: define.path, range: define.node.range });
}

function fileStart(path: string): Location {
  return { uri: pathToFileURL(path).href, range: FILE_START };
}
