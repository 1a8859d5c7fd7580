import { defaultModuleIndex } from '../../knowledge/moduleIndex';
import type { DirectiveNode, SectionNode } from '../../parser/ast';
import { firstLiveNode } from '../liveNodes';
import { moduleToLoad } from '../moduleOfDirective';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

/** Said once per file, on the first line whose module would matter, instead of an error on every such line. */
export const modulesUnknown: Rule = {
  id: 'mod/modules-unknown',
  severity: 'information',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_so.html#loadmodule',
  summary: 'The file is checked without the main configuration that loads its modules, so whether each module is loaded is not checked.',
  wholeFile: true,
  check({ file, scope, directives, report }) {
    if (scope.model.modulesKnown) return;
    let first: { node: DirectiveNode | SectionNode; name: string; module: string } | undefined;
    firstLiveNode(file, scope, (node) => {
      if (node.kind !== 'directive' && node.kind !== 'section') return false;
      const name = node.kind === 'section' ? `<${node.name}` : node.name;
      const module = moduleToLoad(name, directives, defaultModuleIndex());
      if (module) first = { node, name, module: module.sourceName.replace(/\.c$/, '') };
      return first !== undefined;
    });
    if (!first) return;
    report({
      range: directiveReportRange(first.node),
      message:
        (scope.model.definesKnown
          ? 'Which modules are loaded is unknown here: the main configuration does not include this file, and enabling it may enable its modules too, so lines '
          : 'Which modules are loaded is unknown here: this file is checked on its own and no LoadModule is in its tree, so lines ') +
        `that need a module (${first.name} needs ${first.module}) are not checked for it. Set apacheSsl.mainConfig ` +
        `(or the CLI's --root) to the file Apache starts from, such as apache2.conf or httpd.conf.`,
    });
  },
};
