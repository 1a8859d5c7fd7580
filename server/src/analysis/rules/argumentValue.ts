import { forEachLiveNode } from '../liveNodes';
import { earlierInSameRecord } from '../sameRecordLines';
import { readWithDirectoryPath, urlSectionPath } from '../sectionKinds';
import { reportOnce } from '../serverCertificates';
import { linesNamed, proxyModel } from '../proxyHosts';
import type { DirectiveFact } from '../../knowledge/directiveIndex';
import type { Rule } from '../types';
import type { FileScope } from '../fileScope';
import type { DirectiveNode } from '../../parser/ast';
import type { ConfigModel } from '../../config/buildConfigModel';
import { howToLoad } from '../moduleOfDirective';
import { missingModule } from '../providerLookups';
import { syntaxCheck, type LinePlace } from '../values/directiveSyntax';
import { keywordFindings } from '../values/keywords';
import { numberFindings } from '../values/numbers';
import { emptyRequiredWord, iteratedWords, wordsToCheck } from '../values/words';
import { loadsForeignModule } from '../foreignModules';

export const argumentValue: Rule = {
  id: 'args/invalid-value',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/directive-dict.html#Syntax',
  summary: 'An argument is not one Apache accepts there (for example `SSLVerifyClient requires` or `LogLevel ssl:verbose`).',
  check({ file, scope, directives, inHtaccess, report: reportEach }) {
    // A line read more than once (ProxyErrorOverride in a file included twice) may give the same finding again.
    const report = reportOnce(reportEach);
    forEachLiveNode(file, scope, (node) => {
      if (node.kind !== 'directive' || node.words.length === 0) return;
      const fact = directives.lookup(node.name);
      if (!fact) return;
      const written = wordsToCheck(node, scope);
      if (!written || !countAccepted(fact, written.length) || emptyRequiredWord(fact, written)) return;
      const words = fact.arguments?.kind === 'iterate' ? iteratedWords(written) : written;
      for (const finding of keywordFindings(fact, words, scope.model)) report(finding);
      for (const finding of numberFindings(fact, words)) report(finding);
      const syntax = syntaxCheck(fact.name);
      if (syntax) for (const finding of syntax(fact.name, words, linePlace(node, scope, inHtaccess, fact.name))) report(finding);
    });
  },
};

/** Where a line stands, worked out only for what its directive's check asks. */
function linePlace(node: DirectiveNode, scope: FileScope, inHtaccess: boolean, name: string): LinePlace {
  return {
    readWithDirectoryPath: () => readWithDirectoryPath(node, scope.enclosing, inHtaccess),
    earlierInSameRecord: () => earlierInSameRecord(scope.model, node, name),
    loadsOnlyApacheModules: () => !loadsForeignModule(scope.model),
    treeHas: (directive: string) => linesNamed(proxyModel(scope.model), directive).length > 0,
    urlSectionPath: () => urlSectionPath(node, scope.enclosing, inHtaccess),
    howToLoadMissing: (identifier: string) => howToLoadMissing(scope.model, identifier),
  };
}

function howToLoadMissing(model: ConfigModel, identifier: string): string | undefined {
  const fact = missingModule(model, identifier)?.fact;
  return fact ? howToLoad(fact, model) : undefined;
}

/** Apache counts a line's words before its handler reads them: a line with too few or too many (or an empty "" where a word is needed) is args/count's alone. */
function countAccepted(fact: DirectiveFact, count: number): boolean {
  const rule = fact.arguments;
  return rule?.kind !== 'take' || (count >= rule.min && (rule.max === null || count <= rule.max));
}
