// define/macro-use: mod_macro's Use and UndefMacro name a macro defined above
// them in reading order (macros are global: one defined inside a
// <VirtualHost> serves the whole configuration), and Use passes exactly as
// many words as the macro has parameters. Apache refuses the line otherwise,
// in words verified on 2.4.71: "no macro defined before Use", "macro 'x'
// undefined", "cannot remove undefined macro 'x'", "macro 'x' (defined on
// line 7 of "…") used with 0 arguments instead of 1", and, where a macro's
// body uses itself (directly or through other macros), "recursive use of
// macro 'x' is invalid" at the Use that starts it (where Apache's outermost
// location points). What a Use expands to is checked by the other rules, in
// the expansion the model reads (define/macro-expansion, expansionFindings).
import type { ConfigModel } from '../../config/buildConfigModel';
import { shownPath } from '../../config/shownPath';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { directiveReportRange } from '../reportRange';
import { macroDefinitions, macroReferences, recursion } from '../macros';
import type { Rule } from '../types';

export const macroUse: Rule = modelRule(compute, {
  id: 'define/macro-use',
  citesLines: true,
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_macro.html#use',
  summary: '`Use` or `UndefMacro` names a macro not defined above it, passes the wrong number of arguments, or starts a macro that uses itself; or a `<Macro>` names a parameter twice.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  if (model.isDirectiveAvailable('Use') === false) return;
  // A parameter named twice is refused with the definition, used or not.
  for (const macro of macroDefinitions(model)) {
    const params = macro.args.slice(1);
    const twice = params.findIndex((param, index) => params.indexOf(param) !== index);
    if (twice < 0) continue;
    yield {
      path: macro.path,
      finding: {
        range: macro.node.open.range,
        message:
          `Apache refuses to start: "argument name conflict in macro '${macro.args[0].toLowerCase()}' (defined on line ${macro.node.open.range.start.line + 1} of "${shownPath(model, macro.path)}"): ` +
          `argument '${params[twice]}': #${params.indexOf(params[twice]) + 1} and #${twice + 1}, change argument names!". Give each parameter its own name.`,
      },
    };
  }
  for (const { line, macro, anyDefined, known } of macroReferences(model)) {
    const name = line.args[0];
    const isUse = line.name.toLowerCase() === 'use';
    const refuse = (apache: string, advice: string): LocatedFinding => ({
      path: line.path,
      finding: { range: directiveReportRange(line.node), message: `Apache refuses to start: "${apache}". ${advice}` },
    });
    if (name === undefined) {
      yield refuse(anyDefined ? 'no macro name specified with Use' : 'no macro defined before Use', 'Write the name of the macro to expand, then one word per parameter.');
      continue;
    }
    if (!macro) {
      const advice = `No <Macro ${name}> is defined above this line (Apache reads in order, and UndefMacro removes one); macro names are compared without case.`;
      if (!anyDefined) yield refuse(`no macro defined before ${line.name}`, advice);
      else yield refuse(isUse ? `macro '${name.toLowerCase()}' undefined` : `cannot remove undefined macro '${name.toLowerCase()}'`, advice);
      continue;
    }
    if (!isUse) continue;
    const expected = macro.args.length - 1;
    const given = line.args.length - 1;
    const definedAt = `line ${macro.node.open.range.start.line + 1} of "${shownPath(model, macro.path)}"`;
    if (given !== expected) {
      yield refuse(
        `macro '${name.toLowerCase()}' (defined on ${definedAt}) used with ${given} arguments instead of ${expected}`,
        `Pass one word per parameter (${macro.args.slice(1).join(' ') || 'none'}); quote a value that holds spaces.`,
      );
      continue;
    }
    // A loop is reported at the Use outside any expansion that enters it, where Apache points.
    const loop = model.files.get(line.path)?.macro ? undefined : recursion(macro, known);
    if (loop) {
      const { chain } = loop;
      const closing = `${shownPath(model, loop.path)}:${loop.use.range.start.line + 1}`;
      yield refuse(
        `recursive use of macro '${chain[chain.length - 1]}' is invalid`,
        `${chain.length > 1 ? `Through ${chain.slice(0, -1).join(', ')}, the` : 'The'} macro's body uses it again (${closing}), which Apache would expand forever.`,
      );
    }
  }
}
