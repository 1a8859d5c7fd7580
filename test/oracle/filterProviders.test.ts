// mod/unknown-filter-provider against the real `apache2 -t`: every output
// filter our table knows is one Apache 2.4.71 finds with all modules loaded,
// a module's filter is unknown without that module, and names registered by
// lines count only once Apache has read them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OUTPUT_FILTER_NAMES } from '../../server/src/knowledge/outputFilters';
import { disagreementsWithApache, type OracleCase } from '../support/oracleCases';

const RULE = 'mod/unknown-filter-provider';
const byType = (name: string) => `AddOutputFilterByType ${name} text/html\n`;
const FILTER = ['filter_module'];

const CASES: OracleCase[] = [
  ...OUTPUT_FILTER_NAMES.map((name): OracleCase => ({ text: byType(JSON.stringify(name)) })),
  { text: byType('deflate') },
  { text: byType('DEFLATE;SUBSTITUTE') },
  { text: byType('DEFLATE;;INCLUDES') },
  { text: byType('DEFLAT'), rule: RULE },
  { text: byType('"DEFLATE; INCLUDES"'), rule: RULE },
  { text: byType('INCLUDES;DEFLAT;SUBSTITUTE'), rule: RULE },
  { text: `FilterDeclare compress\n${byType('compress')}`, rule: RULE },
  // Modules register their filters; core's are always there.
  { text: byType('DEFLATE'), rule: RULE, modules: FILTER },
  { text: byType('DEFLATE'), modules: [...FILTER, 'deflate_module'] },
  { text: byType('SUBSTITUTE;DEFLATE'), rule: RULE, modules: [...FILTER, 'substitute_module'] },
  { text: byType('CHUNK'), modules: FILTER },
  // Lines that register a filter count once read.
  { text: `ExtFilterDefine upper mode=output cmd="/usr/bin/tr a-z A-Z"\n${byType('UPPER')}` },
  { text: `${byType('upper')}ExtFilterDefine upper mode=output cmd="/usr/bin/tr a-z A-Z"\n`, rule: RULE },
  // FilterProvider's second word is the provider.
  { text: 'FilterDeclare compress\nFilterProvider compress DEFLATE "%{CONTENT_TYPE} =~ m#^text/#"\n' },
  { text: 'FilterDeclare compress\nFilterProvider compress DEFLAT "%{CONTENT_TYPE} =~ m#^text/#"\n', rule: RULE },
];

test('apache2 -t agrees with mod/unknown-filter-provider: the filters modules and earlier lines register, with and without the modules', () => {
  assert.deepEqual(disagreementsWithApache(CASES), []);
  console.log(`apache2 -t agreed on ${CASES.length} filter cases (${CASES.filter((c) => c.rule).length} refused)`);
});
