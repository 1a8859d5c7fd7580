import { isMatchableModuleName } from '../../config/evaluateCondition';
import { defaultModuleIndex } from '../../knowledge/moduleIndex';
import { liveLinesNamed } from '../liveNodes';
import type { Rule } from '../types';

export const ifModuleBadName: Rule = {
  id: 'mod/ifmodule-bad-name',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/core.html#ifmodule',
  summary: '`<IfModule mod_ssl>` never matches: Apache wants `ssl_module` or `mod_ssl.c`.',
  check({ file, scope, report }) {
    for (const node of liveLinesNamed(file, scope, [], ['ifmodule'])) {
      if (node.args.length !== 1) continue;
      const arg = node.args[0];
      const negated = arg.value.startsWith('!');
      const name = negated ? arg.value.slice(1) : arg.value;
      if (name === '' || isMatchableModuleName(name)) continue;
      const replacement = `${negated ? '!' : ''}${identifierFor(name)}`;
      report({
        range: arg.range,
        message:
          `'${name}' is neither a module's identifier nor its source file, so Apache never matches it: ` +
          (negated ? 'this section is always used' : 'this section is always skipped, even when the module is loaded') +
          `. Write <IfModule ${replacement}>.`,
        data: { replacement },
      });
    }
  },
};

/** The identifier of the module the author meant: by source name, .so file or Debian name, else by Apache's naming habit. */
function identifierFor(name: string): string {
  const modules = defaultModuleIndex();
  const base = name.replace(/\.so$/, '');
  const known =
    modules.bySourceName(`${base}.c`) ??
    modules.byFile(`${base}.so`) ??
    modules.all().find((fact) => fact.debianName === base || fact.debianName === base.replace(/^mod_/, ''));
  return known?.identifier ?? `${base.replace(/^mod_/, '')}_module`;
}
