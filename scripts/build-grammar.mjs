// Converts the TextMate grammar written in YAML (syntaxes/apacheconf.tmLanguage.yaml) into
// the JSON that VS Code loads (syntaxes/apacheconf.tmLanguage.json, checked in).
//
//   node scripts/build-grammar.mjs            regenerate the JSON
//   node scripts/build-grammar.mjs --check    exit 1 if the JSON on disk is not what the YAML gives
//   --yaml <file> / --json <file>             use other input / output files (tests use this)
//
// Besides converting, it expands `{{name}}` references to the grammar's `variables:` in
// `match`/`begin`/`end`/`while` regexes (and drops `variables:` from the output), and refuses a
// grammar with an `include` of a repository entry that does not exist or a repository entry
// that nothing includes. The output is deterministic: key order follows the YAML, two-space
// indentation, one trailing newline.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { load } from 'js-yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_YAML = join(ROOT, 'syntaxes', 'apacheconf.tmLanguage.yaml');
export const DEFAULT_JSON = join(ROOT, 'syntaxes', 'apacheconf.tmLanguage.json');

const REGEX_KEYS = new Set(['match', 'begin', 'end', 'while']);
const NOTICE = [
  'This file is generated from syntaxes/apacheconf.tmLanguage.yaml by scripts/build-grammar.mjs.',
  'Do not edit it by hand: edit the YAML and run `node scripts/build-grammar.mjs`.',
];

/** Converts the YAML grammar text into the JSON grammar text. Throws on an invalid grammar. */
export function convertGrammar(yamlText) {
  const source = load(yamlText);
  if (source === null || typeof source !== 'object' || Array.isArray(source)) {
    throw new Error('the grammar must be a YAML mapping');
  }
  const { variables = {}, ...grammar } = source;
  const expand = makeExpander(variables);
  const expanded = mapRegexes(grammar, expand);
  checkIncludes(expanded);
  return JSON.stringify({ information_for_contributors: NOTICE, ...expanded }, null, 2) + '\n';
}

function makeExpander(variables) {
  const cache = new Map();
  const resolve = (name, stack) => {
    if (cache.has(name)) return cache.get(name);
    if (!Object.hasOwn(variables, name)) throw new Error(`unknown variable {{${name}}}`);
    if (stack.includes(name)) throw new Error(`variable cycle: ${[...stack, name].join(' -> ')}`);
    const value = substitute(String(variables[name]), [...stack, name]);
    cache.set(name, value);
    return value;
  };
  const substitute = (text, stack) => text.replace(/\{\{(\w+)\}\}/g, (_, name) => resolve(name, stack));
  return (text) => substitute(text, []);
}

function mapRegexes(node, expand) {
  if (Array.isArray(node)) return node.map((item) => mapRegexes(item, expand));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = REGEX_KEYS.has(key) && typeof value === 'string' ? expand(value) : mapRegexes(value, expand);
  }
  return out;
}

function checkIncludes(grammar) {
  const repository = grammar.repository ?? {};
  const used = new Set();
  const visit = (node, where) => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item, where));
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'include' && typeof value === 'string' && value.startsWith('#')) {
        const name = value.slice(1);
        if (!Object.hasOwn(repository, name)) throw new Error(`${where}: include of unknown rule "${value}"`);
        used.add(name);
      }
      visit(value, key === 'repository' ? where : `${where}.${key}`);
    }
  };
  visit(grammar, 'grammar');
  const unused = Object.keys(repository).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`repository rules never included: ${unused.join(', ')}`);
}

function parseArgs(argv) {
  const options = { check: false, yaml: DEFAULT_YAML, json: DEFAULT_JSON };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') options.check = true;
    else if (arg === '--yaml' || arg === '--json') {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a file name`);
      options[arg.slice(2)] = argv[++i];
    } else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

function main() {
  let options;
  let generated;
  try {
    options = parseArgs(process.argv.slice(2));
    generated = convertGrammar(readFileSync(options.yaml, 'utf8'));
  } catch (error) {
    console.error(`build-grammar: ${error instanceof Error ? error.message : error}`);
    return 2;
  }
  const shown = relative(process.cwd(), options.json) || options.json;
  if (options.check) {
    let onDisk = null;
    try {
      onDisk = readFileSync(options.json, 'utf8');
    } catch {
      // Missing file: reported as stale below.
    }
    if (onDisk !== generated) {
      console.error(`build-grammar: ${shown} is not up to date with the YAML; run: node scripts/build-grammar.mjs`);
      return 1;
    }
    console.log(`build-grammar: ${shown} is up to date`);
    return 0;
  }
  writeFileSync(options.json, generated);
  console.log(`build-grammar: wrote ${shown}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main();
}
