// SSLVerifyDepth and SSLProxyVerifyDepth read their argument with C atoi()
// and refuse only a negative result (ssl_engine_config.c
// ssl_cmd_verify_depth_parse). Verified with apache2 -t: `-1` is refused with
// "SSLVerifyDepth: Invalid argument '-1'", while `abc` is accepted as 0 and `2x` as 2.
// atoi() keeps the low 32 bits of a long number, so 4294967295 and 2147483648
// are read as negative and refused too, and 4294967298 is accepted as 2.
import type { Range } from 'vscode-languageserver-types';
import type { Rule } from '../types';
import { atoi } from '../values/cNumber';
import { tlsLines } from '../tlsPlaces';

const SHOWN: Record<string, string> = { sslverifydepth: 'SSLVerifyDepth', sslproxyverifydepth: 'SSLProxyVerifyDepth' };

export const verifyDepthValue: Rule = {
  id: 'ssl/verify-depth-value',
  severity: 'warning',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslverifydepth',
  summary: 'An SSLVerifyDepth or SSLProxyVerifyDepth that is not a plain number Apache reads as written: negative (or too large, which wraps to negative) is refused, anything else is read as its leading digits (often 0).',
  check(context) {
    for (const line of tlsLines(context)) {
      const name = SHOWN[line.name];
      const value = line.args[0];
      const arg = line.node.args[0];
      if (!name || value === undefined || !arg || value.includes('${')) continue;
      const depth = atoi(value);
      const how = howRead(value, depth);
      if (how === 'as written' && depth >= 0) continue;
      // Apache blames the last physical line of a continued directive.
      const range: Range = line.node.continuedLines > 0 ? { start: arg.range.start, end: line.node.range.end } : arg.range;
      const meaning =
        depth === 0
          ? 'Depth 0 accepts only self-signed certificates.'
          : `Depth ${depth} allows ${depth} CA certificate${depth === 1 ? '' : 's'} above the certificate being checked.`;
      const why =
        how === 'wrapped'
          ? "the number is beyond what C's int holds (-2147483648 to 2147483647), and atoi() keeps its low 32 bits."
          : 'it takes the leading digits, if any, and ignores the rest.';
      context.report(
        depth < 0
          ? {
              range,
              severity: 'error',
              message: `${how === 'wrapped' ? `Apache reads '${value}' as ${depth}: ${why} ` : ''}Apache refuses a negative depth: "${name}: Invalid argument '${value}'". The depth counts the CA certificates allowed above the certificate being checked (1: issued directly by a trusted CA).`,
              data: { name, value },
            }
          : {
              range,
              message: `Apache reads '${value}' as ${depth}, without a word: ${why} ${meaning} Write the number you mean.`,
              data: { name, value, depth },
            },
      );
    }
  },
};

/** Whether atoi() gave the number as written, or wrapped a long one around, or stopped at a character that is no digit. */
function howRead(value: string, depth: number): 'as written' | 'wrapped' | 'leading digits' {
  const number = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(value)?.[1];
  if (number !== undefined && BigInt(number) !== BigInt(depth)) return 'wrapped';
  return number !== undefined && number.length === value.length ? 'as written' : 'leading digits';
}
