// Keyword arguments as the directive knowledge describes them (values.json,
// checked against the binary by scripts/generate-directives.ts): the first
// word or every word one of a closed set, after an optional condition or
// sign, before optional flags, or qualified by a module name (LogLevel ssl:info).
import type { ConfigModel } from '../../config/buildConfigModel';
import type { DirectiveFact } from '../../knowledge/directiveIndex';
import type { Finding } from '../types';
import { findsLogLevelModule, logLevelModuleSuggestion } from './logLevelModule';
import type { Word } from './words';

export function keywordFindings(fact: DirectiveFact, words: readonly Word[], model: ConfigModel): Finding[] {
  const known = fact.values;
  // Flags are args/count's: "must be On or Off" is one message, not two.
  if (!known || !fact.valueKind || fact.arguments?.kind === 'flag' || words.length === 0) return [];
  const findings: Finding[] = [];
  const accepted = acceptedOf(fact, known);
  // After a condition (Header always …) the keyword is the next word, and there must be one.
  const condition = fact.valueConditions?.find((word) => word.toLowerCase() === words[0].value.toLowerCase());
  const keyword = condition ? words[1] : words[0];
  if (!keyword) {
    return [
      {
        range: words[0].range,
        message: `After ${words[0].value}, ${fact.name} needs one of ${known.join(', ')}: Apache refuses to start without it.`,
        data: { value: '', allowed: known },
      },
    ];
  }
  const checked = fact.valueKind === 'tokens' ? words : [keyword];
  // A mode, then flags only: `SSLCARevocationCheck chain no_crl_for_cert_ok`. mod_ssl stops at the first other word.
  const flags = fact.valueFlags;
  const stray = flags && words.slice(1).find((word) => !flags.some((flag) => flag.toLowerCase() === word.value.toLowerCase()));
  if (flags && stray) {
    const apacheMessage = `${fact.name}: Invalid argument '${stray.value}'`;
    findings.push({
      range: stray.range,
      message: `'${stray.value}' cannot follow the first word of ${fact.name}: after ${words[0].value} only ${flags.join(', ')} may come. Apache refuses to start with "${apacheMessage}".`,
      data: { value: stray.value, allowed: flags, apacheMessage },
    });
  }
  for (const word of checked) {
    // 2.4.64+ accepts `SSLEngine optional` with a notice (AH10510): ssl/engine-optional-removed reports it.
    if (fact.name === 'SSLEngine' && word.value.toLowerCase() === 'optional') continue;
    if (fact.valueModules && word.value.includes(':')) {
      const finding = moduleQualifiedFinding(fact, word, accepted, model);
      if (finding) findings.push(finding);
      continue;
    }
    const prefixes = fact.valuePrefixes ?? [];
    const bare = prefixes.includes(word.value[0]) ? word.value.slice(1) : word.value;
    if (isAccepted(bare, accepted)) continue;
    // Apache's words were probed with a bare word in first place.
    const refusal = fact.valueRefusal && bare === word.value && !condition ? fact.valueRefusal.split('{value}').join(word.value) : undefined;
    findings.push({
      range: word.range,
      message:
        `'${word.value}' is not a value ${fact.name} accepts, so Apache refuses to start${refusal ? ` with "${refusal}"` : ''}. ` +
        `Allowed: ${known.join(', ')}${prefixes.length > 0 ? ` (each may start with ${prefixes.join(' or ')})` : ''}` +
        `${fact.valueConditions && !condition ? `, after an optional ${fact.valueConditions.join(' or ')}` : ''}` +
        `${fact.valueModules ? `, each optionally after a module name and ':' (ssl:${known[0]})` : ''}.`,
      data: { value: word.value, allowed: known },
    });
  }
  return findings;
}

/**
 * `module:value`, split at the last ':' and checked in Apache's order (core.c
 * set_loglevel): a value must follow, then it must be known, then the module found.
 */
function moduleQualifiedFinding(fact: DirectiveFact, word: Word, accepted: Accepted, model: ConfigModel): Finding | undefined {
  const colon = word.value.lastIndexOf(':');
  const module = word.value.slice(0, colon);
  const value = word.value.slice(colon + 1);
  const known = fact.values ?? [];
  if (value === '') {
    return {
      range: word.range,
      message: `After '${module}:' comes the level for that module, one of ${known.join(', ')}. Apache refuses to start with "Module specifier '${module}' must be followed by a log level keyword".`,
      data: { value: word.value, allowed: known },
    };
  }
  if (!isAccepted(value, accepted)) {
    // set_loglevel puts the word before the level parser's refusal.
    const refusal = fact.valueRefusal ? ` with "${module}:${value}: ${fact.valueRefusal.split('{value}').join(value)}"` : '';
    return {
      range: word.range,
      message: `'${value}' is not a value ${fact.name} accepts, so Apache refuses to start${refusal}. Allowed after '${module}:': ${known.join(', ')}.`,
      data: { value: word.value, allowed: known },
    };
  }
  if (findsLogLevelModule(module, model) !== false) return undefined;
  const suggestion = logLevelModuleSuggestion(module);
  return {
    range: word.range,
    message:
      `'${module}' names no module Apache has loaded: it refuses to start with "Cannot find module ${module}". ` +
      `${fact.name} takes a loaded module's name as ssl, ssl_module or mod_ssl.c, letter case included.` +
      `${suggestion && suggestion !== module ? ` Here: ${suggestion}:${value}.` : ''}`,
    data: { value: word.value, module },
  };
}

interface Accepted {
  /** Lower-case values the argument must equal. */
  words: ReadonlySet<string>;
  /** Lower-case values ending in ':' or '=' ("shmcb:", "Options="), which stand for every word starting with them. */
  stems: readonly string[];
}

function isAccepted(value: string, accepted: Accepted): boolean {
  const candidate = value.toLowerCase();
  return accepted.words.has(candidate) || accepted.stems.some((stem) => candidate.startsWith(stem));
}

/** Worked out once per directive rather than for every line using it. */
const ACCEPTED = new WeakMap<DirectiveFact, Accepted>();

function acceptedOf(fact: DirectiveFact, values: readonly string[]): Accepted {
  let accepted = ACCEPTED.get(fact);
  if (!accepted) {
    const lower = values.map((value) => value.toLowerCase());
    const stems = lower.filter((value) => /[:=]$/.test(value));
    // A cache name written without its ':' names the cache all the same: what it lacks is the argument, which the cache itself judges (socacheArguments.ts).
    const bareNames = fact.valueKind === 'prefixed' ? stems.map((stem) => stem.slice(0, -1)) : [];
    accepted = { words: new Set([...lower.filter((value) => !/[:=]$/.test(value)), ...bareNames]), stems };
    ACCEPTED.set(fact, accepted);
  }
  return accepted;
}
