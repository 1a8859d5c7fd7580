import { DiagnosticTag } from 'vscode-languageserver-types';
import { liveDirectivesNamed } from '../liveNodes';
import type { Rule } from '../types';

export const nameVirtualHost: Rule = {
  id: 'core/namevirtualhost',
  severity: 'warning',
  tags: [DiagnosticTag.Deprecated, DiagnosticTag.Unnecessary],
  docUrl: 'https://httpd.apache.org/docs/2.4/upgrading.html#misc',
  summary: '`NameVirtualHost` does nothing since Apache 2.4; delete it.',
  check({ file, scope, report }) {
    for (const node of liveDirectivesNamed(file, scope, ['namevirtualhost'])) {
      report({
        range: node.range,
        message:
          'NameVirtualHost does nothing since Apache 2.4: name-based virtual hosts work without it, and Apache logs ' +
          '"AH00548: NameVirtualHost has no effect and will be removed in the next release". Delete this line.',
      });
    }
  },
};
