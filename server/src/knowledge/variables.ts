// Looks up the names expressions use: variables (`%{HTTP_HOST}`, `%{SSL_CLIENT_S_DN_CN}`),
// functions, list functions and operators. Name matching follows Apache:
// core names ignore case; mod_ssl claims every `SSL_…` name and resolves it
// piece by piece, some pieces ignoring case and some not (variables.json
// "nameCase"). Also answers what Apache's parser says about a name it cannot
// resolve ("Variable 'X' does not exist"), and suggests the closest name.

import { isApacheSubnet } from './aprIpSubnet';
import data from './variables.json';

export type ValueKind = 'string' | 'number' | 'flag' | 'argument' | 'unknown';

export interface VariableFact {
  /** The name as the manual writes it; patterns use `<x509>` and `<n>`. */
  name: string;
  /** For families: `SSL_CLIENT_S_DN_<x509>[_<n>][_RAW]`. */
  pattern?: string;
  /** `insensitive`: any spelling resolves; `mixed`: parts must be written exactly (the DN attribute, `_RAW`, …). */
  case: 'insensitive' | 'mixed';
  provider: string;
  group: string;
  value: ValueKind;
  meaning: string;
  values?: string[];
  examples: string[];
}

export interface NamedFact {
  name: string;
  provider?: string;
  value?: ValueKind;
  meaning: string;
  example?: string;
}

export interface VariableLookup {
  fact: VariableFact;
  /** The name spelled as the manual does, keeping the index the user gave: `SSL_CLIENT_S_DN_OU_1`. */
  canonical: string;
  /** False when Apache resolves the name but it is not spelled the documented way (`%{http_host}`). */
  exact: boolean;
}

const VARIABLES = data.variables as VariableFact[];
export const DN_ATTRIBUTES: readonly string[] = data.dnAttributes.map((a) => a.name);
const FUNCTIONS = data.functions as NamedFact[];
const LIST_FUNCTIONS = data.listFunctions as NamedFact[];
const UNARY_OPERATORS = data.unaryOperators as NamedFact[];
const BINARY_OPERATORS = data.binaryOperators as NamedFact[];

const sameIgnoringCase = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const startsIgnoringCase = (text: string, prefix: string) => sameIgnoringCase(text.slice(0, prefix.length), prefix);

/** Variables matched by name alone (everything except the SSL_ families). */
const FIXED = new Map(VARIABLES.filter((v) => !v.pattern).map((v) => [v.name.toUpperCase(), v]));

export function isSslVariableName(name: string): boolean {
  return startsIgnoringCase(name, 'SSL_');
}

/**
 * The documented spelling of an `SSL_…` name if mod_ssl resolves it, else
 * undefined. `lenient` ignores case everywhere, to find what a misspelt name meant.
 */
export function resolveSslVariable(name: string, lenient = false): string | undefined {
  if (!isSslVariableName(name)) return undefined;
  const rest = name.slice(4);
  const exact = (a: string, b: string) => (lenient ? sameIgnoringCase(a, b) : a === b);
  const oneOf = (value: string, words: string[], compare = sameIgnoringCase) => words.find((w) => compare(value, w));
  let resolved: string | undefined;
  if (rest.length > 8 && startsIgnoringCase(rest, 'VERSION_')) {
    const word = oneOf(rest.slice(8), ['INTERFACE', 'LIBRARY_INTERFACE', 'LIBRARY'], exact);
    resolved = word && `VERSION_${word}`;
  } else if (oneOf(rest, ['PROTOCOL', 'SESSION_ID', 'SESSION_RESUMED'])) {
    resolved = oneOf(rest, ['PROTOCOL', 'SESSION_ID', 'SESSION_RESUMED']);
  } else if (startsIgnoringCase(rest, 'CIPHER')) {
    const suffix = oneOf(rest.slice(6), ['', '_EXPORT', '_USEKEYSIZE', '_ALGKEYSIZE']);
    resolved = suffix === undefined ? undefined : `CIPHER${suffix}`;
  } else if (rest.length > 18 && startsIgnoringCase(rest, 'CLIENT_CERT_CHAIN_')) {
    const index = rest.slice(18);
    resolved = /^[0-9]+$/.test(index) ? `CLIENT_CERT_CHAIN_${index}` : undefined;
  } else if (oneOf(rest, ['CLIENT_CERT_RFC4523_CEA', 'CLIENT_VERIFY'])) {
    resolved = oneOf(rest, ['CLIENT_CERT_RFC4523_CEA', 'CLIENT_VERIFY']);
  } else if (rest.length > 7 && (startsIgnoringCase(rest, 'CLIENT_') || startsIgnoringCase(rest, 'SERVER_'))) {
    const field = resolveCertificateField(rest.slice(7), exact);
    resolved = field && `${rest.slice(0, 6).toUpperCase()}_${field}`;
  } else {
    resolved = oneOf(rest, ['COMPRESS_METHOD', 'TLS_SNI', 'SECURE_RENEG', 'SRP_USER', 'SRP_USERINFO']);
  }
  return resolved === undefined ? undefined : `SSL_${resolved}`;
}

type Compare = (a: string, b: string) => boolean;

function resolveCertificateField(field: string, exact: Compare): string | undefined {
  const plain = ['M_VERSION', 'M_SERIAL', 'V_START', 'V_END', 'V_REMAIN'].find((w) => sameIgnoringCase(field, w));
  if (plain) return plain;
  const subjectOrIssuer = () => ['S', 'I'].find((letter) => exact(field[0] ?? '', letter));
  if (field.length > 0 && sameIgnoringCase(field.slice(1), '_DN')) {
    const letter = subjectOrIssuer();
    return letter && `${letter}_DN`;
  }
  if (field.length > 5 && sameIgnoringCase(field.slice(1, 5), '_DN_')) {
    const letter = subjectOrIssuer();
    const attribute = letter && resolveDnAttribute(field.slice(5), exact);
    return attribute && `${letter}_DN_${attribute}`;
  }
  if (field.length > 4 && startsIgnoringCase(field, 'SAN_')) {
    const entry = resolveAltName(field.slice(4), exact);
    return entry && `SAN_${entry}`;
  }
  return ['A_SIG', 'A_KEY', 'CERT'].find((w) => sameIgnoringCase(field, w));
}

/** `CN`, `OU_1`, `CN_RAW`, `O_0_RAW`: the attribute is case-sensitive, and so is `RAW`. */
function resolveDnAttribute(text: string, exact: Compare): string | undefined {
  let rest = text;
  let raw = false;
  const last = rest.lastIndexOf('_');
  if (last > 0 && exact(rest.slice(last + 1), 'RAW')) {
    rest = rest.slice(0, last);
    raw = true;
  }
  let attribute = rest;
  let index: string | undefined;
  const first = rest.indexOf('_');
  if (first >= 0 && /^[0-9]*$/.test(rest.slice(first + 1))) {
    attribute = rest.slice(0, first);
    index = rest.slice(first + 1);
  }
  const known = DN_ATTRIBUTES.find((a) => exact(attribute, a));
  if (!known) return undefined;
  return known + (index !== undefined ? `_${index}` : '') + (raw ? '_RAW' : '');
}

/** `Email_0`, `DNS_1`, `OTHER_msUPN_0`, `OTHER_dnsSRV_0`, with one to four digits. */
function resolveAltName(text: string, exact: Compare): string | undefined {
  let kind: string | undefined;
  let rest = '';
  if (startsIgnoringCase(text, 'Email_')) [kind, rest] = ['Email_', text.slice(6)];
  else if (startsIgnoringCase(text, 'DNS_')) [kind, rest] = ['DNS_', text.slice(4)];
  else if (startsIgnoringCase(text, 'OTHER_')) {
    const other = text.slice(6);
    if (exact(other.slice(0, 6), 'msUPN_')) [kind, rest] = ['OTHER_msUPN_', other.slice(6)];
    else if (exact(other.slice(0, 7), 'dnsSRV_')) [kind, rest] = ['OTHER_dnsSRV_', other.slice(7)];
  }
  return kind && /^[0-9]{1,4}$/.test(rest) ? kind + rest : undefined;
}

/** The fact behind a variable name, if Apache resolves it to something documented. */
export function lookupVariable(name: string): VariableLookup | undefined {
  if (isSslVariableName(name)) {
    const canonical = resolveSslVariable(name);
    if (!canonical) return undefined;
    const fact = FIXED.get(canonical.toUpperCase()) ?? familyOf(canonical);
    return fact && { fact, canonical, exact: canonical === name };
  }
  const fact = FIXED.get(name.toUpperCase());
  if (!fact || fact.provider === 'mod_ssl') return undefined;
  return { fact, canonical: fact.name, exact: fact.name === name };
}

/** The documented family (`SSL_CLIENT_S_DN_<x509>`) of a resolved SSL name. */
function familyOf(canonical: string): VariableFact | undefined {
  const generic = canonical
    .replace(/^(SSL_(?:CLIENT|SERVER)_[SI]_DN_)[A-Za-z]+(?:_[0-9]*)?(?:_RAW)?$/, '$1<x509>')
    .replace(/^(SSL_(?:CLIENT|SERVER)_SAN_(?:Email|DNS|OTHER_msUPN|OTHER_dnsSRV)_)[0-9]+$/, '$1<n>')
    .replace(/^(SSL_CLIENT_CERT_CHAIN_)[0-9]+$/, '$1<n>');
  return VARIABLES.find((v) => v.pattern && v.name === generic);
}

export function lookupFunction(name: string): NamedFact | undefined {
  return FUNCTIONS.find((f) => sameIgnoringCase(f.name, name));
}

export function lookupListFunction(name: string): NamedFact | undefined {
  return LIST_FUNCTIONS.find((f) => sameIgnoringCase(f.name, name));
}

/** Unary operators are case-sensitive (`-f` is not `-F`). */
export function lookupUnaryOperator(name: string): NamedFact | undefined {
  return UNARY_OPERATORS.find((f) => f.name === name);
}

export function lookupBinaryOperator(name: string): NamedFact | undefined {
  return BINARY_OPERATORS.find((f) => sameIgnoringCase(f.name, name));
}

export type ExpressionNameKind = 'variable' | 'function' | 'listFunction' | 'unaryOperator' | 'binaryOperator';

/**
 * What Apache's parser says when it cannot resolve a name, or undefined when it
 * can. `argument` is the operand when it is a plain string literal, which -R and
 * -ipmatch need (util_expr_eval.c core_expr_lookup; mod_ssl and
 * mod_proxy_hcheck claim the SSL_ and HC_ names).
 */
export function apacheLookupError(kind: ExpressionNameKind, name: string, argument?: string): string | undefined {
  switch (kind) {
    case 'variable':
      if (isSslVariableName(name) || startsIgnoringCase(name, 'HC_') || FIXED.has(name.toUpperCase())) return undefined;
      return `Variable '${name}' does not exist`;
    case 'function':
      return lookupFunction(name) ? undefined : `Function '${name}' does not exist`;
    case 'listFunction':
      return lookupListFunction(name) ? undefined : `List-returning function '${name}' does not exist`;
    case 'unaryOperator':
      if (!lookupUnaryOperator(name)) return `Unary operator '-${name}' does not exist`;
      return name === 'R' ? subnetArgumentError(name, argument) : undefined;
    case 'binaryOperator':
      if (!lookupBinaryOperator(name)) return `Binary operator '-${name}' does not exist`;
      return sameIgnoringCase(name, 'ipmatch') ? subnetArgumentError(name, argument) : undefined;
  }
}

function subnetArgumentError(name: string, argument: string | undefined): string | undefined {
  if (argument === undefined) return `-${name} requires subnet/netmask as constant argument`;
  return isApacheSubnet(argument) ? undefined : 'parsing of subnet/netmask failed';
}

// ---- suggestions ----

interface Candidate {
  base: string;
  /** `required`: a family that needs `_n`; `optional`: a DN attribute that may take `_n` and `_RAW`. */
  index: 'none' | 'optional' | 'required';
}

let sslCandidates: Candidate[] | undefined;

function sslCandidateList(): Candidate[] {
  if (sslCandidates) return sslCandidates;
  const list: Candidate[] = VARIABLES.filter((v) => v.provider === 'mod_ssl' && !v.pattern).map((v) => ({
    base: v.name,
    index: 'none',
  }));
  for (const who of ['CLIENT', 'SERVER']) {
    for (const which of ['S', 'I']) {
      for (const attribute of DN_ATTRIBUTES) list.push({ base: `SSL_${who}_${which}_DN_${attribute}`, index: 'optional' });
    }
    for (const kind of ['Email', 'DNS', 'OTHER_msUPN', 'OTHER_dnsSRV']) list.push({ base: `SSL_${who}_SAN_${kind}`, index: 'required' });
  }
  list.push({ base: 'SSL_CLIENT_CERT_CHAIN', index: 'required' });
  return (sslCandidates = list);
}

/**
 * The closest name Apache would resolve, for a "did you mean": the same name
 * with the documented case when only case is wrong, else the nearest by edit
 * distance. Undefined when nothing is close.
 */
export function suggestVariable(name: string): string | undefined {
  if (isSslVariableName(name)) {
    const lenient = resolveSslVariable(name, true);
    if (lenient) return lenient === name ? undefined : lenient;
    return nearestSslName(name);
  }
  const fixed = FIXED.get(name.toUpperCase());
  if (fixed) return fixed.name === name ? undefined : fixed.name;
  // `CLIENT_S_DN_CN` without its SSL_ prefix.
  const prefixed = resolveSslVariable(`SSL_${name}`, true);
  if (prefixed) return prefixed;
  const core = [...FIXED.values()].filter((v) => v.provider !== 'mod_ssl').map((v) => v.name);
  return nearest(name, core);
}

function nearestSslName(name: string): string | undefined {
  const suffix = /((?:_[0-9]+)?)((?:_RAW)?)$/i.exec(name) as RegExpExecArray;
  const base = name.slice(0, name.length - suffix[0].length);
  const candidates = sslCandidateList();
  const best = nearest(base, candidates.map((c) => c.base)) ?? nearest(name, candidates.map((c) => c.base));
  if (!best) return undefined;
  const candidate = candidates.find((c) => c.base === best) as Candidate;
  if (candidate.index === 'none') return best;
  const index = suffix[1] || (candidate.index === 'required' ? '_0' : '');
  const raw = candidate.index === 'optional' && suffix[2] ? '_RAW' : '';
  return best + index + raw;
}

function nearest(name: string, candidates: string[]): string | undefined {
  const wanted = name.toUpperCase();
  const limit = Math.max(2, Math.floor(wanted.length / 4));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toUpperCase(), limit);
    if (distance > limit) continue;
    if (!best || distance < best.distance || (distance === best.distance && candidate < best.candidate)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

/** Levenshtein distance with transpositions, giving up once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      let value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      row.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length];
}
