// Configurations run through the real `apache2 -t` and through our analysis,
// each with the modules a case names (every Debian module by default): where
// the case names a rule, it must be among our errors and Apache must refuse
// the file at a line one of our errors covers, with the message we quote;
// where it names none, both must accept the file.
import { apacheConfigTest, defaultPrelude, preludeWithModules } from './apacheOracle';
import { configtestErrors } from './analyzeInTree';

export interface OracleCase {
  /** The configuration after the prelude. */
  text: string;
  /** The rule whose error Apache's refusal must match; absent when Apache accepts. */
  rule?: string;
  /** Modules loaded (identifiers); every Debian module when absent. */
  modules?: string[];
}

/** One line for each case where Apache and we disagree. */
export function disagreementsWithApache(cases: readonly OracleCase[]): string[] {
  const all = defaultPrelude();
  const problems: string[] = [];
  for (const c of cases) {
    const prelude = c.modules ? preludeWithModules(c.modules) : all;
    const label = `[${c.modules?.join(' ') ?? 'all modules'}] ${JSON.stringify(c.text)}`;
    const errors = configtestErrors(prelude, c.text);
    // Apache reads the prelude from -C; here it is the main file's head, so lines count from its end.
    const offset = prelude.split('\n').length - 1;
    const verdict = apacheConfigTest({ 'main.conf': c.text }, 'main.conf', prelude);
    if (c.rule === undefined) {
      if (errors.length > 0) problems.push(`${label}: we report ${errors.map((e) => e.code).join(', ')}`);
      if (!verdict.ok) problems.push(`${label}: Apache refuses it: ${verdict.message}`);
      continue;
    }
    if (!errors.some((e) => e.code === c.rule)) problems.push(`${label}: no ${c.rule} among ${errors.map((e) => e.code).join(', ') || 'no errors'}`);
    if (verdict.ok) {
      problems.push(`${label}: Apache accepts it`);
      continue;
    }
    const line = (verdict.line ?? 0) - 1 + offset;
    const covering = errors.filter((e) => e.range.start.line <= line && line <= e.range.end.line);
    const quoted = covering.map((e) => (e.data as { apacheMessage?: string } | undefined)?.apacheMessage).filter((m) => m !== undefined);
    // The log line loses the trailing blank of "Unknown Authz provider: ".
    const same = quoted.length === 0 || quoted.some((m) => m.trimEnd() === verdict.message?.trimEnd());
    if (covering.length === 0) problems.push(`${label}: Apache blames line ${verdict.line} ("${verdict.message}"), we cover none`);
    else if (!same) problems.push(`${label}:\n    we:     ${quoted.join(' | ')}\n    Apache: ${verdict.message}`);
  }
  return problems;
}
