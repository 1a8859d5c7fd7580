// mod/unknown-filter-provider: AddOutputFilterByType and FilterProvider name
// output filters, which mod_filter looks up (without case) among those
// registered when Apache reads the line: "Unknown filter provider DEFLAT"
// and `apache2 -t` fails (verified on 2.4.71). Modules register theirs as
// Apache starts (DEFLATE is mod_deflate's, SUBSTITUTE mod_substitute's …),
// ExtFilterDefine and LuaOutputFilter as they are read; a FilterDeclare name
// is no provider. AddOutputFilterByType takes several names split at `;`,
// each as written (`DEFLATE; INCLUDES` names " INCLUDES"), and stops at the
// first refused.
import type { ConfigModel } from '../../config/buildConfigModel';
import { OUTPUT_FILTER_MODULES } from '../../knowledge/outputFilters';
import { missingModule, registeredBefore } from '../providerLookups';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { comesFromUnloaded } from '../moduleOfDirective';
import { linesNamed, proxyModel, wordRange } from '../proxyHosts';
import type { DirectiveNode } from '../../parser/ast';
import type { Rule } from '../types';
import { loadsForeignModule } from '../foreignModules';

export const unknownFilterProvider: Rule = modelRule(compute, {
  id: 'mod/unknown-filter-provider',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_filter.html#addoutputfilterbytype',
  summary: '`AddOutputFilterByType` or `FilterProvider` names an output filter no loaded module (or earlier `ExtFilterDefine`) registers: "Unknown filter provider".',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const foreign = loadsForeignModule(model);
  const proxies = proxyModel(model);
  for (const line of [...linesNamed(proxies, 'addoutputfilterbytype'), ...linesNamed(proxies, 'filterprovider')]) {
    const index = line.name === 'filterprovider' ? 1 : 0;
    const word = line.item.args[index];
    if (word === undefined) continue;
    // apr_strtok: the parts between semicolons, empty ones skipped.
    const names = line.name === 'filterprovider' ? [word] : word.split(';').filter((name) => name !== '');
    for (const name of names) {
      const message = refusal(model, name, line.item.node, foreign);
      if (message === undefined) continue;
      yield { path: line.item.path, finding: { range: wordRange(line, index), message, data: { apacheMessage: `Unknown filter provider ${name}` } } };
      break;
    }
  }
}

const COMMON = ['DEFLATE', 'BROTLI_COMPRESS', 'INFLATE', 'SUBSTITUTE', 'INCLUDES', 'proxy-html', 'xml2enc', 'Sed', 'BUFFER', 'RATE_LIMIT'];

/** Why Apache refuses the filter name, or undefined when it finds it. */
function refusal(model: ConfigModel, name: string, line: DirectiveNode, foreign: boolean): string | undefined {
  if (registeredBefore(model, 'filter', name, line)) return undefined;
  const apache = `Apache refuses this line: "Unknown filter provider ${name}".`;
  const module = OUTPUT_FILTER_MODULES.get(name.toLowerCase());
  if (module === null) return undefined;
  if (module !== undefined) {
    const missing = missingModule(model, module);
    return missing ? `${apache} The ${name} filter ${comesFromUnloaded(missing, model)}` : undefined;
  }
  if (foreign) return undefined;
  const trimmed = name.trim();
  const hint =
    trimmed !== name && OUTPUT_FILTER_MODULES.has(trimmed.toLowerCase())
      ? ` Apache splits the list at each ; and keeps the blanks: write ${trimmed} without them.`
      : ` The filters people put here are ${COMMON.join(', ')}; ExtFilterDefine and LuaOutputFilter define others.`;
  return `${apache}${hint}`;
}
