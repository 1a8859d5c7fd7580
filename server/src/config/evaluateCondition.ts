// Decides a conditional section the way Apache does while reading the
// configuration (EXEC_ON_READ): <IfModule>, <IfDefine>, <IfVersion>, <IfFile>,
// <IfDirective>, <IfSection>. 'unknown' means the model cannot tell (a file
// analysed without its main configuration): both branches stay live, so
// neither hides mistakes.

import { regexSyntaxProblem } from '../parser/expr/regexSyntax';

export type Condition = boolean | 'unknown';

export interface ConditionFacts {
  isModuleLoaded: (name: string) => Condition;
  isDefined: (name: string) => Condition;
  httpdVersion: string;
  fileExists: (path: string) => boolean;
  isDirectiveAvailable: (name: string) => Condition;
}

/** `<IfModule>` matches a module's source file (`mod_ssl.c`) or its identifier (`ssl_module`), nothing else. */
export function isMatchableModuleName(name: string): boolean {
  return /^(.+\.c|.+_module)$/.test(name);
}

export const CONDITIONAL_SECTIONS = new Set(['ifmodule', 'ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection']);

export type ConditionResult = { value: Condition } | { error: string };

export function evaluateCondition(section: string, args: readonly string[], facts: ConditionFacts): ConditionResult {
  const kind = section.toLowerCase();
  if (kind === 'ifversion') return compareVersion(args, facts.httpdVersion);
  const [first = ''] = args;
  const negated = first.startsWith('!');
  const name = negated ? first.slice(1) : first;
  const value = test(kind, name, facts);
  return { value: value === 'unknown' ? value : value !== negated };
}

function test(kind: string, name: string, facts: ConditionFacts): Condition {
  switch (kind) {
    case 'ifmodule':
      return facts.isModuleLoaded(name);
    case 'ifdefine':
      return facts.isDefined(name);
    case 'iffile':
      return facts.fileExists(name);
    case 'ifdirective':
      return facts.isDirectiveAvailable(name);
    case 'ifsection':
      return facts.isDirectiveAvailable(`<${name}`);
    default:
      return 'unknown';
  }
}

const INVALID_VERSION =
  'Version appears to be invalid. It must have the format major[.minor[.patch]] where major, minor and patch are numbers.';

/** mod_version: `[[!]operator] version`; missing minor or patch count as 0 (verified: `= 2.4` is false on 2.4.71). */
function compareVersion(args: readonly string[], httpdVersion: string): ConditionResult {
  // mod_version reads at most an operator and a version; with a third word it finds no '>' where it expects one (verified on 2.4.71).
  if (args.length > 2) return { error: "<IfVersion> directive missing closing '>'" };
  const [operatorWord, version] = args.length === 2 ? [args[0], args[1]] : ['=', args[0] ?? ''];
  const negated = operatorWord.startsWith('!');
  const operator = negated ? operatorWord.slice(1) : operatorWord;
  const asRegex = /^\/(.*)\/$/.exec(version);
  if (operator === '~' || asRegex) {
    const pattern = asRegex ? asRegex[1] : version;
    // Apache compiles it with PCRE2, which JavaScript's RegExp disagrees with both ways.
    const problem = regexSyntaxProblem(pattern);
    if (problem) return { error: `The regular expression ${pattern} does not compile (${problem}): Apache refuses it with "Unable to compile regular expression".` };
    try {
      return { value: new RegExp(pattern).test(httpdVersion) !== negated };
    } catch {
      return { value: 'unknown' };
    }
  }
  const wanted = parseVersion(version);
  const actual = parseVersion(httpdVersion);
  if (!wanted || !actual) return { error: INVALID_VERSION };
  const order = actual.reduce((result, part, i) => result || Math.sign(part - wanted[i]), 0);
  const outcomes: Record<string, boolean> = {
    '=': order === 0,
    '==': order === 0,
    '>': order > 0,
    '>=': order >= 0,
    '<': order < 0,
    '<=': order <= 0,
  };
  if (!(operator in outcomes)) return { error: `unrecognized operator '${operatorWord}'` };
  return { value: outcomes[operator] !== negated };
}

function parseVersion(text: string): [number, number, number] | undefined {
  const match = /^(\d+)(?:\.(\d+)(?:\.(\d+))?)?$/.exec(text);
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined;
}
