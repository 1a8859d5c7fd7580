// Regenerates server/src/knowledge/directives.json from the installed Apache
// and its manual. Every fact comes from the binary or the manual:
//   - names, modules, "Allowed in" text: `apache2 -L`, every module loaded, once per MPM;
//   - syntax, default, context, override, status, compatibility, URL: the manual's directive tables;
//   - arity and allowed contexts: probing `apache2 -t` with small configurations;
//   - keyword values: server/src/knowledge/values.json (hand-curated), checked against the binary;
//   - descriptions: server/src/knowledge/descriptions/*.json (hand-written), merged by name.
// Run: npx tsx scripts/generate-directives.ts [--verbose] [--out FILE] [--single]
//   --verbose  also print every non-context message the context probes met (to spot a missed refusal)
//   --single   one directive per apache2 run instead of batches (slower; checks the batching)
import type { DirectiveFact as KnownFact } from '../server/src/knowledge/directiveIndex';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arityFromMessage, classifyArity, type Arity } from './knowledge/arity';
import { allowedInHtaccess, CONTEXT_REFUSALS, isContextRefusal, PROBE_CONTEXTS, wrapIn, type ProbeContext } from './knowledge/contexts';
import { deprecationFor } from './knowledge/deprecations';
import { readDescriptions } from './knowledge/descriptions';
import { apacheVersion, listAllDirectives, mpmFor, type ListedDirective, type Mpm } from './knowledge/listing';
import { DOCS_BASE, docModule, findEntry, MANUAL_DIR, readManual, sinceVersion, type ManualEntry } from './knowledge/manual';
import { candidateArgs, containerLines, directiveLine, OTHER_CONTAINERS, sectionLines } from './knowledge/probeArgs';
import { Prober, type Block, type ProbeResult } from './knowledge/prober';
import { bogusWord, checkArgs, likelyWords, normalise, readValues, refusalTemplate, sampleWord, type ValuesEntry } from './knowledge/values';

const KNOWLEDGE = 'server/src/knowledge';
const verbose = process.argv.includes('--verbose');
/** `--out FILE` writes elsewhere (to compare a run with the checked-in data). */
const OUTPUT = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : join(KNOWLEDGE, 'directives.json');
const started = Date.now();

/** One thing to probe: a directive name under one MPM (facts sharing both share the probes). */
interface ProbeItem {
  key: string;
  name: string;
  mpm: Mpm;
  section: boolean;
  /** Contexts to try as the directive's home, where it should be accepted; the first that is not refused wins. */
  homes: ProbeContext[];
  homeIndex: number;
  none?: ProbeResult;
  many?: ProbeResult;
  arity?: Arity;
  /** Argument vectors to try; `undefined` stands for a section's usual probe arguments. */
  candidates: (string[] | undefined)[];
  candidateIndex: number;
  /** The arguments used for the context probes. */
  args?: string[];
  /** Apache's complaint about the last candidate, when none was accepted. */
  rejection?: string;
  /** True when Apache accepted `args` at home; false means context probes ran with arguments Apache rejects. */
  accepted: boolean;
  contexts: Partial<Record<ProbeContext, ProbeResult>>;
  /** Sections outside PROBE_CONTEXTS that accept a directive no probed context accepts. */
  onlyIn: string[];
  /** Inside <Directory><RequireAll>, for what <Directory> accepts. */
  inRequireSection?: ProbeResult;
}

function log(message: string): void {
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${message}`);
}

/** Directory-only directives are first tried inside <Directory>, the rest at top level. */
function homesFor(allowed: string): ProbeContext[] {
  if (/only inside/.test(allowed)) return ['directory', 'location', 'files', 'if', 'limit', 'server', 'virtualhost', 'proxy'];
  return ['server', 'virtualhost', 'directory', 'location', 'files', 'if', 'proxy', 'limit'];
}

function linesOf(item: ProbeItem, args: string[] | undefined): string[] {
  if (item.section) return sectionLines(item.name, args?.join(' '));
  return [directiveLine(item.name, args ?? [])];
}

function home(item: ProbeItem): ProbeContext {
  return item.homes[item.homeIndex];
}

/** Runs one block per item (grouped by MPM) and hands each verdict back. */
async function probeEach(
  prober: Prober,
  items: ProbeItem[],
  block: (item: ProbeItem) => string[],
  take: (item: ProbeItem, verdict: ProbeResult) => void,
): Promise<void> {
  const byMpm = new Map<Mpm, ProbeItem[]>();
  for (const item of items) byMpm.set(item.mpm, [...(byMpm.get(item.mpm) ?? []), item]);
  await Promise.all(
    [...byMpm].map(async ([mpm, group]) => {
      const verdicts = await prober.testMany(mpm, group.map((item) => ({ id: item.key, lines: block(item) })));
      for (const item of group) take(item, verdicts.get(item.key) ?? { ok: false, message: 'no verdict' });
    }),
  );
}

/** Zero arguments at home tell invoke_cmd's class; nine tell NO_ARGS from the handler-parsed ones. */
async function probeArity(prober: Prober, items: ProbeItem[]): Promise<void> {
  let pending = items;
  while (pending.length > 0) {
    const refused: ProbeItem[] = [];
    await probeEach(prober, pending, (item) => wrapIn(home(item), linesOf(item, item.section ? [''] : [])), (item, verdict) => {
      item.none = verdict;
      // invoke_cmd checks the context before the count: a refusal says nothing about arity yet.
      if (!verdict.ok && isContextRefusal(verdict.message) && item.homeIndex + 1 < item.homes.length) {
        item.homeIndex++;
        refused.push(item);
      }
    });
    pending = refused;
  }
  const undecided = items.filter((item) => item.section || !arityFromMessage(item.name, item.none?.message));
  const nine = Array.from({ length: 9 }, (_, i) => `a${i + 1}`);
  await probeEach(prober, undecided, (item) => wrapIn(home(item), linesOf(item, nine)), (item, verdict) => (item.many = verdict));
  for (const item of items) {
    const none = item.none ?? { ok: false };
    const many = item.many ?? { ok: false };
    if (item.section) {
      // Sections parse their own arguments; "<Else> does not take an argument" is the one explicit upper bound.
      const noArgs = none.ok && /does not take an argument/.test(many.message ?? '');
      item.arity = { kind: 'raw', min: none.ok ? 0 : 1, max: noArgs ? 0 : null };
    } else {
      item.arity = classifyArity(item.name, none, many);
    }
  }
}

/**
 * Finds, per item, arguments Apache accepts at home, trying candidates in rounds
 * (one candidate per item per round, so each round is one batch). Starts from
 * the home the arity probe settled on; a handler's own context refusal moves it on.
 */
async function findArguments(prober: Prober, items: ProbeItem[]): Promise<void> {
  let pending = items.filter((item) => item.candidates.length > 0);
  while (pending.length > 0) {
    const next: ProbeItem[] = [];
    await probeEach(prober, pending, (item) => wrapIn(home(item), linesOf(item, item.candidates[item.candidateIndex])), (item, verdict) => {
      if (verdict.ok) {
        item.accepted = true;
        item.args = item.candidates[item.candidateIndex];
        return;
      }
      if (isContextRefusal(verdict.message) && item.homeIndex + 1 < item.homes.length) item.homeIndex++;
      else item.candidateIndex++;
      item.rejection = verdict.message;
      if (item.candidateIndex < item.candidates.length) next.push(item);
    });
    pending = next;
  }
  for (const item of items) if (!item.accepted) item.args = item.candidates[0];
}

async function probeContexts(prober: Prober, items: ProbeItem[]): Promise<void> {
  for (const context of PROBE_CONTEXTS) {
    await probeEach(prober, items, (item) => wrapIn(context, linesOf(item, item.args)), (item, verdict) => (item.contexts[context] = verdict));
    log(`  contexts: ${context} done (${prober.runs} apache2 runs so far)`);
  }
}

function allowedIn(verdict: ProbeResult | undefined): boolean {
  return verdict !== undefined && (verdict.ok || !isContextRefusal(verdict.message));
}

/**
 * A directive no probed context accepts lives in a section of its own module
 * (MDCertificateFile only inside <MDomainSet>): find which, so it is not reported everywhere.
 */
async function probeContainers(prober: Prober, items: ProbeItem[]): Promise<void> {
  const homeless = items.filter((item) => !item.section && PROBE_CONTEXTS.every((context) => !allowedIn(item.contexts[context])));
  for (const container of OTHER_CONTAINERS) {
    await probeEach(prober, homeless, (item) => containerLines(container, linesOf(item, item.args)), (item, verdict) => {
      if (allowedIn(verdict)) item.onlyIn.push(container);
    });
  }
}

/**
 * mod_authz_core reads only some directives inside <RequireAll>, <RequireAny>
 * and <RequireNone>, and the manual's Override line does not tell which:
 * those of no override class split both ways. So every directive <Directory>
 * accepts is probed inside one (the three sections read their lines alike).
 */
async function probeRequireSections(prober: Prober, items: ProbeItem[]): Promise<void> {
  const inDirectory = items.filter((item) => allowedIn(item.contexts.directory));
  const inSection = (lines: string[]) => wrapIn('directory', ['<RequireAll>', 'Require all granted', ...lines, '</RequireAll>']);
  await probeEach(prober, inDirectory, (item) => inSection(linesOf(item, item.args)), (item, verdict) => (item.inRequireSection = verdict));
}

interface ValueCheck {
  /** Apache refuses a made-up word, so the set is closed. */
  closed: boolean;
  unrecognised: string[];
  /** Apache's refusal of the made-up word, as refusalTemplate gives it. */
  refusal?: string;
}

/** One probe of a curated value: `label` names it in the report, `args` is the whole line. */
interface ValueStep {
  label: string;
  word: string;
  args: string[];
}

/**
 * The probes for one values.json entry: the made-up word first, then each
 * value, condition and module form. A number is made up below its minimum and
 * probed at it, also with a letter after it (atoi reads only the digits).
 */
function valueSteps(key: string, entry: ValuesEntry, item: ProbeItem, dir: string): ValueStep[] {
  const rest = entry.kind === 'tokens' ? [] : (item.args ?? []).slice(1);
  const step = (label: string, word: string, args = [word, ...rest]): ValueStep => {
    while (args.length < (item.arity?.min ?? 0)) args.push(`a${args.length + 1}`);
    return { label, word, args };
  };
  if (entry.kind === 'number') {
    // Far below the minimum, so that no constant of Apache's message ("must be > 0") is taken for the word.
    const [below, least] = [String(entry.min - 1000003), String(entry.min)];
    return [step(below, below), step(least, least), step(`${least}x`, `${least}x`)];
  }
  const bogus = bogusWord(entry, dir);
  return [
    step(bogus, bogus),
    ...entry.values.map((value) => step(value, sampleWord(value, dir), checkArgs(key, value)?.slice())),
    // A condition goes before the whole accepted line (Header always set …).
    ...(entry.conditions ?? []).map((condition) => step(condition, condition, [condition, ...(item.args ?? [])])),
    // core is compiled in, so core:value is accepted wherever module names are.
    ...(entry.modules ? [step(`core:${entry.values[0]}`, `core:${entry.values[0]}`)] : []),
  ];
}

/** Each curated value against Apache: recognised when its verdict differs from a made-up word's. */
async function checkValues(
  prober: Prober,
  items: Map<string, ProbeItem>,
  values: Map<string, ValuesEntry & { name: string }>,
): Promise<Map<string, ValueCheck>> {
  const blocks = new Map<Mpm, Block[]>();
  const plans = new Map<string, (ValueStep & { id: string })[]>();
  for (const [key, entry] of values) {
    const item = items.get(`${key}|event`);
    if (!item) continue;
    const steps = valueSteps(key, entry, item, prober.dir).map((step, index) => ({ ...step, id: `${key}#${index}` }));
    plans.set(key, steps);
    for (const { id, args } of steps) blocks.set(item.mpm, [...(blocks.get(item.mpm) ?? []), { id, lines: wrapIn(home(item), linesOf(item, args)) }]);
  }
  const verdicts = new Map<string, ProbeResult>();
  for (const [mpm, list] of blocks) for (const [id, verdict] of await prober.testMany(mpm, list)) verdicts.set(id, verdict);
  const checks = new Map<string, ValueCheck>();
  for (const [key, [bogusStep, ...steps]] of plans) {
    const bogus = verdicts.get(bogusStep.id);
    const check: ValueCheck = { closed: bogus?.ok === false, unrecognised: [], refusal: bogus?.ok === false ? refusalTemplate(bogus.message, bogusStep.word) : undefined };
    const entry = values.get(key);
    for (const step of steps) {
      const verdict = verdicts.get(step.id);
      // A number in range must be accepted; a keyword must only be told apart from the made-up word.
      const same = entry?.kind === 'number' ? !verdict?.ok : !verdict?.ok && normalise(verdict?.message, step.word) === normalise(bogus?.message, bogusStep.word);
      if (same || !verdict) check.unrecognised.push(step.label);
    }
    checks.set(key, check);
  }
  return checks;
}

type Contexts = Record<ProbeContext, boolean>;

/** What the generator guarantees: the index's fact, with these fields always present. */
type DirectiveFact = KnownFact & Required<Pick<KnownFact, 'url' | 'arguments' | 'contexts' | 'htaccess'>>;

function docUrl(entry: ManualEntry | undefined, module: string): string {
  if (entry) return `${DOCS_BASE}${entry.page}#${entry.anchor}`;
  const page = `${docModule(module)}.html`;
  return existsSync(join(MANUAL_DIR, page)) ? `${DOCS_BASE}${page}` : `${DOCS_BASE}directives.html`;
}

function buildFact(
  listed: ListedDirective,
  item: ProbeItem,
  entry: ManualEntry | undefined,
  valueEntry: (ValuesEntry & { check?: ValueCheck }) | undefined,
  description: string | undefined,
): DirectiveFact {
  const rows = entry?.rows ?? {};
  const fact: DirectiveFact = {
    name: listed.name,
    module: listed.module,
    allowed: listed.allowed,
    syntax: rows.Syntax,
    default: rows.Default,
    docContexts: rows.Context?.split(',').map((context) => context.trim()).filter(Boolean),
    override: rows.Override,
    status: rows.Status,
    compatibility: rows.Compatibility,
    since: sinceVersion(rows.Compatibility, listed.name),
    deprecated: deprecationFor(listed.name, listed.module),
    url: docUrl(entry, listed.module),
    arguments: item.arity ?? { kind: 'raw', min: 0, max: null },
    contexts: Object.fromEntries(PROBE_CONTEXTS.map((context) => [context, allowedIn(item.contexts[context])])) as Contexts,
    onlyIn: item.onlyIn.length > 0 ? item.onlyIn : undefined,
    inRequireSections: item.inRequireSection && allowedIn(item.inRequireSection),
    htaccess: allowedInHtaccess(listed.name, listed.allowed),
    description,
  };
  if (fact.arguments.kind === 'flag') {
    Object.assign(fact, { valueKind: 'keyword', values: ['On', 'Off'] });
  } else if (valueEntry?.kind === 'number') {
    if (valueEntry.check?.closed) fact.valueKind = 'number';
    fact.valueMin = valueEntry.min;
    if (valueEntry.check?.closed && valueEntry.check.refusal) fact.valueRefusal = valueEntry.check.refusal;
    if (valueEntry.note) fact.valueNote = valueEntry.note;
  } else if (valueEntry) {
    // Only a set Apache enforces gets a kind: validators report words outside it as errors.
    const closed = !valueEntry.open && valueEntry.check?.closed === true;
    if (closed) fact.valueKind = valueEntry.kind;
    fact.values = valueEntry.values;
    if (valueEntry.prefixes) fact.valuePrefixes = valueEntry.prefixes;
    if (valueEntry.flags) fact.valueFlags = valueEntry.flags;
    if (valueEntry.conditions) fact.valueConditions = valueEntry.conditions;
    if (valueEntry.modules) fact.valueModules = true;
    if (closed && valueEntry.check?.refusal) fact.valueRefusal = valueEntry.check.refusal;
    if (valueEntry.note) fact.valueNote = valueEntry.note;
  }
  // Drop absent optional fields so the JSON has no nulls.
  return JSON.parse(JSON.stringify(fact)) as DirectiveFact;
}

/** Manual flags that call for a curated reason in scripts/knowledge/deprecations.ts. */
function manualSaysDeprecated(entry: ManualEntry | undefined, moduleStatus: string | undefined): boolean {
  if (moduleStatus === 'Deprecated') return true;
  if (!entry) return false;
  return entry.rows.Status === 'Deprecated' || entry.deprecatedNote || /^DEPRECATED|has no effect/i.test(entry.rows.Description ?? '');
}

function printWrapped(title: string, words: string[]): void {
  console.log(`${title} (${words.length}):`);
  let line = ' ';
  for (const word of words) {
    if (line.length + word.length > 110) {
      console.log(line);
      line = ' ';
    }
    line += ` ${word}`;
  }
  if (line.trim()) console.log(line);
}

async function main(): Promise<void> {
  const listed = listAllDirectives();
  log(`apache2 -L: ${listed.length} directives (name, module) over event, worker, prefork`);
  const manual = readManual();
  log(`manual: ${[...manual.entries.values()].flat().length} directive entries in ${MANUAL_DIR}`);
  // Without the manual every syntax, default and URL would silently go missing from the output.
  if (manual.entries.size === 0) throw new Error(`no manual in ${MANUAL_DIR}: apt-get install -y apache2-doc`);
  const values = readValues(join(KNOWLEDGE, 'values.json'));
  const descriptions = readDescriptions(join(KNOWLEDGE, 'descriptions'));

  const items = new Map<string, ProbeItem>();
  for (const directive of listed) {
    const mpm = mpmFor(directive.module);
    const key = `${directive.name.toLowerCase()}|${mpm}`;
    if (items.has(key)) continue;
    items.set(key, {
      key,
      name: directive.name,
      mpm,
      section: directive.name.startsWith('<'),
      homes: homesFor(directive.allowed),
      homeIndex: 0,
      candidates: [],
      candidateIndex: 0,
      args: [],
      accepted: false,
      contexts: {},
      onlyIn: [],
    });
  }
  const all = [...items.values()];
  const prober = new Prober(process.argv.includes('--single') ? 1 : 25);
  try {
    log(`probing ${all.length} directives with up to ${prober.parallel} apache2 processes at a time`);
    await probeArity(prober, all);
    log(`arity probed (${prober.runs} apache2 runs)`);
    for (const item of all) {
      const arity = item.arity ?? { kind: 'raw', min: 0, max: null };
      item.candidates = item.section ? [undefined] : candidateArgs(item.name, arity, likelyWords(values.get(item.name.toLowerCase())), prober);
    }
    await findArguments(prober, all);
    log(`arguments found for ${all.filter((item) => item.accepted).length}/${all.length} (${prober.runs} apache2 runs)`);
    await probeContexts(prober, all);
    await probeContainers(prober, all);
    await probeRequireSections(prober, all);
    const checks = await checkValues(prober, items, values);
    log(`contexts and values probed (${prober.runs} apache2 runs in all)`);

    // Facts, in name order.
    const facts: DirectiveFact[] = [];
    const missingDescriptions: string[] = [];
    const undocumented: string[] = [];
    const uncurated: string[] = [];
    for (const directive of listed) {
      const item = items.get(`${directive.name.toLowerCase()}|${mpmFor(directive.module)}`)!;
      const entry = findEntry(manual.entries, directive.name, directive.module);
      if (!entry) undocumented.push(`${directive.name} (${directive.module})`);
      const valueEntry = values.get(directive.name.toLowerCase());
      const description = descriptions.byName.get(directive.name.toLowerCase());
      if (!description) missingDescriptions.push(directive.name);
      const moduleStatus = manual.modules.get(docModule(directive.module))?.status;
      const binarySaysDeprecated = /no longer supported|was replaced|deprecated/i.test(item.rejection ?? '');
      if ((manualSaysDeprecated(entry, moduleStatus) || binarySaysDeprecated) && !deprecationFor(directive.name, directive.module)) {
        uncurated.push(directive.name);
      }
      facts.push(buildFact(directive, item, entry, valueEntry && { ...valueEntry, check: checks.get(directive.name.toLowerCase()) }, description));
    }
    facts.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.module.localeCompare(b.module));
    const data = {
      generatedFrom: `${apacheVersion()}: apache2 -L and apache2 -t probes with every Debian module loaded (event, worker, prefork); apache2-doc manual`,
      directives: facts,
    };
    writeFileSync(OUTPUT, JSON.stringify(data, null, 1) + '\n');
    log(`${facts.length} directives written to ${OUTPUT}`);
    report(all, facts, checks, values, { missingDescriptions, undocumented, uncurated, descriptionWarnings: descriptions.warnings, names: new Set(listed.map((d) => d.name.toLowerCase())), descriptionNames: [...descriptions.byName.keys()] });
  } finally {
    prober.close();
  }
}

function report(
  items: ProbeItem[],
  facts: DirectiveFact[],
  checks: Map<string, ValueCheck>,
  values: Map<string, ValuesEntry & { name: string }>,
  extra: { missingDescriptions: string[]; undocumented: string[]; uncurated: string[]; descriptionWarnings: string[]; names: Set<string>; descriptionNames: string[] },
): void {
  const classes = new Map<string, number>();
  for (const fact of facts) {
    const { kind, min, max } = fact.arguments;
    const label = `${kind} ${min}..${max ?? 'n'}`;
    classes.set(label, (classes.get(label) ?? 0) + 1);
  }
  console.log('\nArity classes (facts):');
  for (const [label, count] of [...classes].sort()) console.log(`  ${label.padEnd(14)} ${count}`);

  const refusals = new Map<string, number>();
  const otherMessages: string[] = [];
  for (const item of items) {
    for (const context of PROBE_CONTEXTS) {
      const verdict = item.contexts[context];
      if (!verdict || verdict.ok) continue;
      const bare = item.name.replace(/^</, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const shape = (verdict.message ?? '').replace(new RegExp(`\\b${bare}\\b`, 'g'), 'X');
      if (isContextRefusal(verdict.message)) refusals.set(shape, (refusals.get(shape) ?? 0) + 1);
      else if (verbose) otherMessages.push(`${item.name} in ${context}: ${verdict.message}`);
    }
  }
  console.log('\nContext refusals observed (X = the directive):');
  for (const [shape, count] of [...refusals].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(5)}  ${shape}`);
  console.log(`  (patterns: ${CONTEXT_REFUSALS.map(({ pattern }) => pattern.source).join(' | ')})`);
  if (verbose) printWrapped('Other messages in context probes', otherMessages);

  const rejected = items.filter((item) => !item.accepted);
  console.log(`\nNo arguments accepted where allowed, so contexts were probed with refused arguments (${rejected.length}):`);
  for (const item of rejected) console.log(`  ${item.name} [${item.mpm}]: ${item.rejection ?? ''}`);
  printWrapped('Handler-parsed arguments (raw)', items.filter((item) => item.arity?.kind === 'raw').map((item) => item.name));

  console.log('\nValues (values.json) against the binary:');
  for (const [key, entry] of values) {
    const check = checks.get(key);
    if (!extra.names.has(key)) console.log(`  ${entry.name}: not a directive of this Apache`);
    else if (!check) console.log(`  ${entry.name}: not checked`);
    else
      console.log(
        `  ${entry.name}: ${check.closed ? 'closed' : 'open (Apache accepts a made-up word)'}${entry.kind !== 'number' && entry.open ? ', declared open' : ''}` +
          `${check.unrecognised.length > 0 ? `; not recognised by this build: ${check.unrecognised.join(', ')}` : ''}`,
      );
  }

  printWrapped('\nWithout a manual entry', extra.undocumented);
  if (extra.uncurated.length > 0) printWrapped('Deprecated per the manual or the binary, but no reason in scripts/knowledge/deprecations.ts', extra.uncurated);
  console.log(`\nDeprecated: ${facts.filter((fact) => fact.deprecated).length} facts`);
  for (const warning of extra.descriptionWarnings) console.log(`descriptions: ${warning}`);
  const strays = extra.descriptionNames.filter((name) => !extra.names.has(name));
  if (strays.length > 0) printWrapped('Descriptions for names that are not directives', strays);
  printWrapped(`Directives without a description (${facts.length - extra.missingDescriptions.length} of ${facts.length} have one)`, extra.missingDescriptions);
  log('done');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
