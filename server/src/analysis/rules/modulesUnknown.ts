import { defaultModuleIndex } from '../../knowledge/moduleIndex';
import type { Node } from '../../parser/ast';
import { forEachLiveNode } from '../liveNodes';
import { moduleToLoad } from '../moduleOfDirective';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

/** Said once per file, on the first line whose module would matter, instead of an error on every such line. */
export const modulesUnknown: Rule = {
  id: 'mod/modules-unknown',
  severity: 'information',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_so.html#loadmodule',
  summary: 'The file is checked without the main configuration that loads its modules, so whether each module is loaded is not checked.',
  check({ file, scope, directives, report }) {
    if (scope.model.modulesKnown) return;
    let first: { node: Node; name: string; module: string } | undefined;
    forEachLiveNode(file, scope, (node) => {
      if (first || (node.kind !== 'directive' && node.kind !== 'section')) return;
      const name = node.kind === 'section' ? `<${node.name}` : node.name;
      const module = moduleToLoad(name, directives, defaultModuleIndex());
      if (module) first = { node, name, module: module.sourceName.replace(/\.c$/, '') };
    });
    if (!first || (first.node.kind !== 'directive' && first.node.kind !== 'section')) return;
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
