import { isMatchableModuleName } from '../../config/evaluateCondition';
import { forEachLiveNode } from '../liveNodes';
import type { Rule } from '../types';

export const ifModuleBadName: Rule = {
  id: 'mod/ifmodule-bad-name',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/core.html#ifmodule',
  summary: '`<IfModule mod_ssl>` never matches: Apache wants `ssl_module` or `mod_ssl.c`.',
  check({ file, scope, report }) {
    forEachLiveNode(file, scope, (node) => {
      if (node.kind !== 'section' || node.name.toLowerCase() !== 'ifmodule' || node.args.length !== 1) return;
      const arg = node.args[0];
      const negated = arg.value.startsWith('!');
      const name = negated ? arg.value.slice(1) : arg.value;
      if (name === '' || isMatchableModuleName(name)) return;
      const replacement = `${negated ? '!' : ''}${name.replace(/^mod_/, '').replace(/\.so$/, '')}_module`;
      report({
        range: arg.range,
        message:
          `'${name}' is neither a module's identifier nor its source file, so Apache never matches it: ` +
          (negated ? 'this section is always used' : 'this section is always skipped, even when the module is loaded') +
          `. Write <IfModule ${replacement}>.`,
        data: { replacement },
      });
    });
  },
};
