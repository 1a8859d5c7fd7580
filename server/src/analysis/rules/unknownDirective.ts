import type { ConfigFile, DirectiveNode, SectionNode } from '../../parser/ast';
import { defaultModuleIndex } from '../../knowledge/moduleIndex';
import { forEachLiveNode } from '../liveNodes';
import { howToLoad, moduleToLoad } from '../moduleOfDirective';
import { directiveReportRange } from '../reportRange';
import { thirdPartyGuard } from '../thirdPartyGuard';
import type { Rule } from '../types';

export const unknownDirective: Rule = {
  id: 'mod/unknown-directive',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/directives.html',
  summary: 'A directive or section Apache does not know: misspelled, or its module is not loaded.',
  check({ file, scope, directives, report }) {
    const { model } = scope;
    forEachLiveNode(file, scope, (node) => {
      if (node.kind !== 'directive' && node.kind !== 'section') return;
      // Apache substitutes ${VAR} in the whole line first, the directive's name too.
      const substituted = scope.resolved.get(node)?.name;
      const bare = substituted ?? node.name;
      // A first word that is empty (`""`) makes Apache skip the line unread.
      if (bare === '') return;
      const name = node.kind === 'section' ? `<${bare}` : bare;
      const available = model.isDirectiveAvailable(name);
      if (available === true || (available === 'unknown' && directives.lookup(name))) return;
      const refusal = `Apache refuses to start with "Invalid command '${name}', perhaps misspelled or defined by a module not included in the server configuration".`;
      const module = moduleToLoad(name, directives, defaultModuleIndex());
      if (directives.lookup(name) && module) {
        report({
          range: directiveReportRange(node),
          message: `${name} comes from ${module.sourceName.replace(/\.c$/, '')}, which this configuration does not load: ${refusal} To use it, ${howToLoad(module, model)}.`,
          data: { name, module: module.identifier, moduleFile: module.file, debianName: module.debianName },
        });
        return;
      }
      // Read only where that module is loaded, so most likely one of its own directives.
      if (thirdPartyGuard(node, defaultModuleIndex())) return;
      const suggestions = directives.suggest(name);
      const foreign = [...model.loadedModules.keys()].filter((id) => !defaultModuleIndex().byIdentifier(id));
      report({
        range: directiveReportRange(node),
        ...(available === 'unknown' ? { severity: 'warning' as const } : {}),
        message:
          (available === 'unknown'
            ? `No module Apache ships defines '${name}'; unless a third-party module loaded here (${foreign.join(', ')}) does, ${refusal}`
            : `No Apache module defines '${name}': ${refusal}`) +
          (suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?` : ''),
        // A name made by ${VAR} is not replaced by a quick fix: the variable is what to correct; nor a quoted one, whose quotes the fix would cut.
        data: { name, suggestions: substituted === undefined && !isQuoted(file, node) ? suggestions : [] },
      });
    });
  },
};

function isQuoted(file: ConfigFile, node: DirectiveNode | SectionNode): boolean {
  const first = file.text[file.lineStarts[node.startLine] + node.startCharacter];
  return first === '"' || first === "'";
}
