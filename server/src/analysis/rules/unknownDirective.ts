import type { ConfigFile, DirectiveNode, SectionNode } from '../../parser/ast';
import { defaultModuleIndex } from '../../knowledge/moduleIndex';
import { forEachLiveNode } from '../liveNodes';
import { howToLoad, moduleToLoad } from '../moduleOfDirective';
import { directiveReportRange } from '../reportRange';
import { thirdPartyGuard } from '../thirdPartyGuard';
import { thirdPartyModuleOf, thirdPartyOwners, type ThirdPartyModule } from '../../knowledge/thirdPartyModules';
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
      const foreign = [...model.loadedModules.keys()].filter((id) => !defaultModuleIndex().byIdentifier(id));
      // Loaded modules the table cannot vouch for: only they may define a name it does not know.
      const unlisted = foreign.filter((id) => !thirdPartyModuleOf(id));
      const owners = directives.lookup(name) ? [] : thirdPartyOwners(name);
      if (owners.length > 0) {
        // Its module loaded, or perhaps loaded by a main configuration we do not see.
        if (!model.modulesKnown || owners.some((owner) => owner.identifiers.some((id) => model.loadedModules.has(id)))) return;
        report({
          range: directiveReportRange(node),
          ...(unlisted.length > 0 ? { severity: 'warning' as const } : {}),
          message: `${name} comes from ${owners.map(describe).join(' or ')}, which this configuration does not load: ${unlisted.length > 0 ? `unless ${unlisted.length > 1 ? 'one of ' : ''}${unlisted.join(', ')} defines it too, ` : ''}${refusal} To use it, install that module and load it with the LoadModule line its package provides.`,
          data: { name, suggestions: [] },
        });
        return;
      }
      const suggestions = directives.suggest(name);
      report({
        range: directiveReportRange(node),
        ...(available === 'unknown' ? { severity: 'warning' as const } : {}),
        message:
          (available === 'unknown'
            ? `No module Apache ships defines '${name}'; unless a third-party module loaded here (${(unlisted.length > 0 ? unlisted : foreign).join(', ')}) does, ${refusal}`
            : `No Apache module defines '${name}': ${refusal}`) +
          (suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?` : ''),
        // A name made by ${VAR} is not replaced by a quick fix: the variable is what to correct; nor a quoted one, whose quotes the fix would cut.
        data: { name, suggestions: substituted === undefined && !isQuoted(file, node) ? suggestions : [] },
      });
    });
  },
};

/** "mod_wsgi (wsgi_module, Debian package libapache2-mod-wsgi-py3)": what to look for, whatever the system. */
function describe(module: ThirdPartyModule): string {
  return `${module.name} (${module.identifiers.join(' or ')}, Debian package ${module.debianPackage})`;
}

function isQuoted(file: ConfigFile, node: DirectiveNode | SectionNode): boolean {
  const first = file.text[file.lineStarts[node.startLine] + node.startCharacter];
  return first === '"' || first === "'";
}
