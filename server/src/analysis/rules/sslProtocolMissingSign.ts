import { evaluateProtocols } from '../tlsSettings';
import type { Rule } from '../types';
import { forEachProtocolLine } from './sslProtocolSslv2';

export const sslProtocolMissingSign: Rule = {
  id: 'ssl/protocol-missing-sign',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslprotocol',
  summary: 'A protocol after the first without `+` or `-` replaces everything before it (AH02532).',
  check({ file, scope, report }) {
    forEachProtocolLine(file, scope, (node) => {
      const evaluation = evaluateProtocols(node.words);
      if (evaluation.refused.length > 0) return;
      for (const { index, discarded } of evaluation.unsigned) {
        const word = node.args[index].value;
        report({
          range: node.args[index].range,
          ...(discarded.length === 0 ? { severity: 'information' as const } : {}),
          message:
            discarded.length > 0
              ? `'${word}' has no + or -, so Apache starts over from it and drops ${discarded.join(', ')} set before ` +
                `("AH02532: ${node.name}: Protocol '${word}' overrides already set parameter(s). Check if a +/- prefix is missing."). Write '+${word}'.`
              : `'${word}' has no + or -: Apache starts over from it. Nothing is lost here, but '+${word}' says what is meant.`,
          data: { argument: index },
        });
      }
    });
  },
};
