// Directives whose arguments have a form of their own, beyond a keyword or a
// number: each is checked by code that follows the directive's handler in
// Apache's source, and reports what apache2 -t refuses.
import type { Finding } from '../types';
import { listenFindings } from './listenAddress';
import { proxyErrorOverrideFindings } from './proxyErrorOverride';
import type { Word } from './words';

type SyntaxCheck = (words: readonly Word[]) => Finding[];

const CHECKS: Readonly<Record<string, SyntaxCheck>> = {
  listen: listenFindings,
  proxyerroroverride: proxyErrorOverrideFindings,
};

export function syntaxFindings(directive: string, words: readonly Word[]): Finding[] {
  return CHECKS[directive.toLowerCase()]?.(words) ?? [];
}
