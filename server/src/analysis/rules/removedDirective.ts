// core/removed-directive: `Port` (gone since 2.0) and `FancyIndexing` (folded
// into IndexOptions) are still in Apache's command table only to refuse the
// line with a pointer to their successor, so `apache2 -t` fails there. A line
// Apache refuses for its place (Port in a <Directory>) or its number of words
// is another rule's (ctx/not-allowed, args/count): Apache stops there first.
// SSLLog and SSLLogLevel are ssl/ssllog-removed's.
import type { ConfigModel } from '../../config/buildConfigModel';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel, type Placed } from '../proxyHosts';
import { directiveReportRange } from '../reportRange';
import type { Finding, Rule } from '../types';

export const removedDirective: Rule = modelRule(compute, {
  id: 'core/removed-directive',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/upgrading.html',
  summary: '`Port` and `FancyIndexing` were removed: Apache refuses them; use `Listen` (and `ServerName host:port`) and `IndexOptions FancyIndexing`.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  for (const line of linesNamed(proxyModel(model), 'port', 'fancyindexing')) {
    const { args } = line.item;
    if (line.name === 'port') {
      // Port takes one word: without it, or with more, args/count's refusal comes first.
      if (args.length !== 1) continue;
      yield onLine(line, {
        message:
          'Apache refuses the configuration at this line ("Port was replaced with Listen in Apache 2.0"), even with apache2 -t. ' +
          'Say which port to accept connections on with Listen, and which port self-referential URLs carry with ServerName (www.example.com:8080).',
      });
      continue;
    }
    // FancyIndexing reads its words raw and refuses them all; only On and Off have an IndexOptions equivalent.
    const on = args.length === 1 ? args[0].toLowerCase() : undefined;
    const replacement = on === 'on' ? 'IndexOptions +FancyIndexing' : on === 'off' ? 'IndexOptions -FancyIndexing' : undefined;
    yield onLine(line, {
      message:
        'Apache refuses the configuration at this line ("The FancyIndexing directive is no longer supported. Use IndexOptions FancyIndexing."), even with apache2 -t. ' +
        (replacement
          ? `Write ${replacement}, which ${on === 'on' ? 'adds the option to' : 'takes it from'} the options in force.`
          : 'Turn fancy listings on with IndexOptions +FancyIndexing, or off with IndexOptions -FancyIndexing.'),
      ...(replacement ? { data: { replacement } } : {}),
    });
  }
}

/** The finding on the whole line (its last physical line when continued, which Apache blames). */
function onLine(line: Placed, finding: Omit<Finding, 'range'>): LocatedFinding {
  return { path: line.item.path, finding: { range: directiveReportRange(line.item.node), ...finding } };
}
