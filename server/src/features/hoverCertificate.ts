// Hover on the path argument of a certificate directive (SSLCertificateFile,
// SSLCACertificateFile, SSLCARevocationFile …): what the file Apache would
// open holds, read through the same CertificateReader the rules use. A
// certificate shows its facts and the chain a client would be sent; a key
// shows its type and whether it matches its certificate, never its material;
// a CA file shows the names it trusts.
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { buildChain, candidateOf, type Chain, type ChainCandidate } from '../analysis/certs/buildChain';
import type { CertificateReader } from '../analysis/certs/certificateReader';
import { CERTIFICATE_DIRECTIVES, certificatePath, type CertificateDirective, type CertificateRole } from '../analysis/certs/certificateDirectives';
import type { CertificateFacts, PublicKeyFacts } from '../analysis/certs/describeCertificate';
import { dayCount, isoDay, validityAt } from '../analysis/certs/validity';
import { hostCertificates, type HostCertificates } from '../analysis/certs/hostCertificates';
import type { CertificateFileContents, CertificateFileRead, ParsedCertificate, ParsedKey } from '../analysis/certs/readCertificateFile';
import { proxyModel, type Placed } from '../analysis/proxyHosts';
import { systemAnchors } from '../analysis/certs/systemTrustStores';
import type { ConfigModel } from '../config/buildConfigModel';
import { shownPath } from '../config/shownPath';
import type { DirectiveIndex } from '../knowledge/directiveIndex';
import type { DirectiveNode, Position } from '../parser/ast';
import { contains, nodeAt } from '../parser/nodeAt';
import { pathArgumentTarget } from './documentLinks';
import { render } from './hover';
import { codeSpan, fileLink } from './hoverInclude';
import { keyMatches } from '../analysis/certs/certificateChecks';

export interface CertificateHoverOptions {
  certificates: CertificateReader;
  directives: DirectiveIndex;
  /** Markdown unless the client only shows plain text. */
  format?: MarkupKind;
}

/** Certificates described in full; a longer bundle is counted after them. */
const MAX_DETAILED = 5;
/** CA names and alternative names listed; more would bury the hover. */
const MAX_LISTED = 20;
/** Files of a certificate folder read for the hover. */
const MAX_FOLDER_FILES = 200;

/** Where a certificate directive's argument points: a path Apache opens, or a key id that is not a file. */
export type CertificateTarget = { path: string } | { notAFile: true };

/**
 * The file or folder the directive names, as Apache opens it (after ${VAR}
 * substitution, relative to ServerRoot), through the same resolution as the
 * document links; undefined when it names no single path (an undefined variable).
 */
export function certificateTarget(model: ConfigModel, path: string, node: DirectiveNode, directives: DirectiveIndex): CertificateTarget | undefined {
  const written = node.args[0]?.value;
  if (written === undefined) return undefined;
  const directive = CERTIFICATE_DIRECTIVES.get(node.name.toLowerCase());
  if (directive && certificatePath(model.serverRoot, written, directive) === undefined) return { notAFile: true };
  const target = pathArgumentTarget(node, 0, { directives, model, path }, () => true);
  return target === undefined ? undefined : { path: target };
}

export function hoverCertificate(model: ConfigModel, path: string, position: Position, options: CertificateHoverOptions): Hover | null {
  const inTree = model.files.get(path);
  if (!inTree) return null;
  const node = nodeAt(inTree.file, position);
  if (node?.kind !== 'directive') return null;
  const directive = CERTIFICATE_DIRECTIVES.get(node.name.toLowerCase());
  const argument = node.args[0];
  if (!directive || !argument || !contains(argument.range, position)) return null;
  const target = certificateTarget(model, path, node, options.directives);
  if (!target) return null;
  const head = `**${node.name}**`;
  const body =
    'notAFile' in target
      ? `${head} ${codeSpan(argument.value)} names a key or certificate held by an engine or a hardware module (PKCS#11), not a file: there is nothing here to read.`
      : describeTarget({ model, head, name: node.name, directive, path: target.path, placed: placedLine(model, node), reader: options.certificates });
  const url = options.directives.lookup(node.name)?.url;
  const value = url ? `${body}\n\n[${node.name} in the Apache manual](${url})` : body;
  return { contents: render(value, options.format ?? MarkupKind.Markdown), range: argument.range };
}


interface Subject {
  model: ConfigModel;
  head: string;
  name: string;
  directive: CertificateDirective;
  path: string;
  /** The line in the live configuration, when Apache reads it (not in a section it skips). */
  placed?: Placed;
  reader: CertificateReader;
}

function describeTarget(subject: Subject): string {
  const { directive, reader, path } = subject;
  if (directive.folder) return describeFolder(subject);
  const read = reader.read(path);
  const title = `${subject.head} ${fileLink(subject.model, path)}`;
  if (!('contents' in read)) return `${title} ${read.message}.${refusal(subject, read)}`;
  const contents = read.contents;
  switch (directive.role) {
    case 'key':
      return describeKeyFile(subject, title, contents);
    case 'crl':
    case 'proxy-crl':
      return `${title} holds ${count(contents.crls, 'certificate revocation list')}.${badBlocks(contents)}`;
    case 'ca':
    case 'ca-names':
    case 'proxy-ca':
      return describeCaList(subject.directive.role, title, contents.certificates, reader.now(), contents);
    default:
      return describeCertificateFile(subject, title, contents);
  }
}

/** What Apache says at start-up about a file it cannot use. */
function refusal(subject: Subject, read: Extract<CertificateFileRead, { problem: string }>): string {
  if (read.problem === 'missing' || read.problem === 'empty' || read.problem === 'not-file') {
    return ` Apache refuses the configuration: "${subject.name}: file '${subject.path}' does not exist or is empty".`;
  }
  if (read.problem === 'unreadable') return ' Apache, started as root, may still read it; the editor cannot show what it holds.';
  return '';
}

function describeCertificateFile(subject: Subject, title: string, contents: CertificateFileContents): string {
  const { certificates, keys } = contents;
  const now = subject.reader.now();
  const parts = [`${title} holds ${count(certificates.length, 'certificate')}${keys.length > 0 ? ` and ${count(keys.length, 'private key')}` : ''}.${badBlocks(contents)}`];
  if (certificates.length === 0) return parts.join('');
  const host = hostOf(subject);
  const keyLine = subject.directive.role === 'certificate' ? serverKeyLine(subject, host, contents) : '';
  if (keyLine) parts.push(keyLine);
  certificates.slice(0, MAX_DETAILED).forEach((certificate) => {
    const heading = `**Certificate ${certificate.index + 1}**${certificate.index === 0 && certificates.length > 1 && subject.directive.role === 'certificate' ? ' (the one Apache presents)' : ''}`;
    const proxyKey = subject.directive.role === 'proxy-machine' ? [proxyKeyLine(certificate, keys)] : [];
    parts.push([heading, '', ...certificateLines(certificate.facts, now), ...proxyKey].join('\n'));
  });
  if (certificates.length > MAX_DETAILED) parts.push(`and ${count(certificates.length - MAX_DETAILED, 'more certificate')}.`);
  if (subject.directive.role === 'certificate' || subject.directive.role === 'proxy-machine') {
    const chainFile = host?.setting(subject.directive.role === 'certificate' ? 'sslcertificatechainfile' : 'sslproxymachinecertificatechainfile')?.path;
    parts.push(chainSection(subject, certificates, chainFile, now));
  }
  return parts.join('\n\n');
}

/** The facts of one certificate, as a Markdown list. */
function certificateLines(facts: CertificateFacts, now: Date): string[] {
  const names = [...facts.dnsNames, ...facts.ipAddresses, ...facts.emails];
  const lines = [
    `- Subject: ${codeSpan(facts.subject)}`,
    `- Alternative names: ${names.length === 0 ? 'none' : listed(names.map(codeSpan))}`,
    `- Issuer: ${codeSpan(facts.issuer)}${facts.selfSigned ? ' (self-signed)' : ''}`,
    `- Serial: ${codeSpan(facts.serial)}`,
    `- Valid: ${stamp(facts.notBefore)} to ${stamp(facts.notAfter)}, ${validityWords(facts, now)}`,
    `- Key: ${keyWords(facts.publicKey)}`,
    `- Signature: ${facts.signatureAlgorithm}`,
    `- SHA-256 fingerprint: ${codeSpan(facts.sha256)}`,
  ];
  if (facts.keyUsage) lines.push(`- Key usage: ${facts.keyUsage.length === 0 ? 'none' : facts.keyUsage.join(', ')}`);
  if (facts.extendedKeyUsage) lines.push(`- Extended key usage: ${facts.extendedKeyUsage.map((usage) => USAGE_WORDS[usage] ?? usage).join(', ')}`);
  lines.push(`- Basic constraints: ${facts.isCa ? `CA${facts.pathLength === undefined ? '' : `, path length ${facts.pathLength}`}` : 'not a CA'}`);
  return lines;
}

const USAGE_WORDS: Record<string, string> = {
  serverAuth: 'server auth',
  clientAuth: 'client auth',
  codeSigning: 'code signing',
  emailProtection: 'e-mail protection',
  timeStamping: 'time stamping',
  OCSPSigning: 'OCSP signing',
  anyExtendedKeyUsage: 'any purpose',
};

function validityWords(facts: CertificateFacts, now: Date): string {
  const { state, days } = validityAt(facts, now);
  if (state === 'expired') return days === 0 ? 'expired today' : `expired ${dayCount(days)} ago`;
  if (state === 'not-yet-valid') return days === 0 ? 'not valid for a few more hours' : `not valid for ${dayCount(days)} more`;
  return days === 0 ? 'expires within a day' : `${dayCount(days)} left`;
}

function stamp(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const CURVE_NAMES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

function keyWords(key: PublicKeyFacts): string {
  const type = { rsa: 'RSA', 'rsa-pss': 'RSA-PSS', ec: 'EC', dsa: 'DSA', ed25519: 'Ed25519', ed448: 'Ed448', x25519: 'X25519', x448: 'X448' }[key.type] ?? key.type;
  if (key.curve) return `${type}, curve ${key.curve}${CURVE_NAMES[key.curve] ? ` (${CURVE_NAMES[key.curve]})` : ''}`;
  return key.bits === undefined ? type : `${type} ${key.bits} bits`;
}

/** The key Apache pairs with the host's certificate: its own line, else one in the certificate file. */
function serverKeyLine(subject: Subject, host: HostCertificates | undefined, contents: CertificateFileContents): string {
  const pair = host?.pairs.find((candidate) => candidate.certificate === subject.placed);
  const leaf = contents.certificates[0];
  if (pair?.keyPath) {
    const read = subject.reader.read(pair.keyPath);
    const where = `in ${fileLink(subject.model, pair.keyPath)} (SSLCertificateKeyFile)`;
    if (!('contents' in read)) return `Private key ${where}: the file ${read.message}.`;
    return `Private key ${where}: ${keyVerdict(read.contents.keys[0], leaf, 'the first certificate here')}`;
  }
  if (contents.keys.length > 0) return `Private key in this file: ${keyVerdict(contents.keys[0], leaf, 'the first certificate')}`;
  return subject.placed ? 'No SSLCertificateKeyFile goes with this certificate and the file holds no private key: Apache cannot start with it.' : '';
}

/** Type, size, encryption and match of a key, never its material. */
function keyVerdict(key: ParsedKey | undefined, certificate: ParsedCertificate | undefined, which: string): string {
  if (!key) return 'the file holds no private key.';
  if (key.encrypted) return `${KEY_FORMS[key.label] ?? 'PEM'}, encrypted: Apache asks for the pass phrase at start-up, and whether it matches cannot be checked without it.`;
  if (!key.key || !key.facts) return `it cannot be parsed (${key.error ?? 'unknown form'}).`;
  const described = `${keyWords(key.facts)} (${KEY_FORMS[key.label] ?? 'PEM'}), not encrypted`;
  if (!certificate) return `${described}.`;
  return keyMatches(certificate.x509, key.key)
    ? `${described}, ✓ matches ${which}.`
    : `${described}, ✗ does not match ${which}: Apache stops at start-up with AH02565 ("Certificate and private key … do not match").`;
}

/** How a key is written, without repeating its PEM label. */
const KEY_FORMS: Record<string, string> = {
  'PRIVATE KEY': 'PKCS#8',
  'ENCRYPTED PRIVATE KEY': 'PKCS#8',
  'RSA PRIVATE KEY': 'traditional RSA form',
  'EC PRIVATE KEY': 'traditional EC form',
  'DSA PRIVATE KEY': 'traditional DSA form',
  DER: 'DER',
};

function proxyKeyLine(certificate: ParsedCertificate, keys: readonly ParsedKey[]): string {
  if (keys.some((key) => key.key && keyMatches(certificate.x509, key.key))) return '- Private key: ✓ a key in this file matches it';
  if (keys.some((key) => key.encrypted)) return '- Private key: only encrypted keys in this file, which Apache cannot use for the proxy (AH02252)';
  return '- Private key: ✗ none in this file matches it (Apache: AH02252 or AH02326)';
}

function describeKeyFile(subject: Subject, title: string, contents: CertificateFileContents): string {
  const { keys } = contents;
  if (keys.length === 0) return `${title} holds no private key${contents.certificates.length > 0 ? ` (it holds ${count(contents.certificates.length, 'certificate')})` : ''}.${badBlocks(contents)}`;
  const pair = hostOf(subject)?.pairs.find((candidate) => candidate.key === subject.placed);
  let certificate: ParsedCertificate | undefined;
  let which = '';
  if (pair?.certificatePath) {
    const read = subject.reader.read(pair.certificatePath);
    if ('contents' in read) certificate = read.contents.certificates[0];
    which = `the certificate in ${fileLink(subject.model, pair.certificatePath)}${certificate ? ` (${codeSpan(certificate.facts.subject)})` : ''}`;
  }
  const several = keys.length > 1 ? ` It holds ${count(keys.length, 'private key')}; Apache uses the first.` : '';
  const verdict = keyVerdict(keys[0], certificate, which);
  const noCertificate = !certificate && pair?.certificatePath ? ' The certificate it goes with cannot be read, so the match is not checked.' : '';
  return `${title}: ${verdict}${several}${noCertificate}`;
}

/** The CAs a CA file trusts (or, for SSLCADNRequestFile, names), each with its expiry. */
function describeCaList(role: CertificateRole, title: string, certificates: readonly ParsedCertificate[], now: Date, contents?: CertificateFileContents): string {
  const problems = contents ? badBlocks(contents) : '';
  if (certificates.length === 0) return `${title} holds no certificate: ${ROLE_EMPTY[role] ?? 'nothing is trusted from it.'}${problems}`;
  const items = certificates.slice(0, MAX_LISTED).map((certificate, index) => {
    const { facts } = certificate;
    const notCa = facts.isCa ? '' : ' (not a CA certificate)';
    return `${index + 1}. ${codeSpan(facts.subject)}${notCa}: ${expiryWords(facts, now)}`;
  });
  if (certificates.length > MAX_LISTED) items.push(`\nand ${certificates.length - MAX_LISTED} more.`);
  return `${title} holds ${count(certificates.length, 'certificate')}. ${ROLE_MEANING[role] ?? ''}${problems}\n\n${items.join('\n')}`;
}

const ROLE_MEANING: Partial<Record<CertificateRole, string>> = {
  ca: 'Client certificates issued under these CAs are accepted; their subjects are the names clients are asked for (unless SSLCADNRequestFile or SSLCADNRequestPath sets others).',
  'ca-names': 'Clients are asked for certificates from CAs with these names; this list trusts nothing, SSLCACertificateFile or SSLCACertificatePath does.',
  'proxy-ca': 'Backend server certificates are trusted when they chain to one of these.',
};

const ROLE_EMPTY: Partial<Record<CertificateRole, string>> = {
  ca: 'Apache cannot configure client verification with it (AH01895).',
  'ca-names': 'no CA names are sent to clients from it.',
  'proxy-ca': 'no backend certificate can be verified with it.',
};

/** "expires 2027-01-03 (38 days)", "expired 2026-10-01 (57 days ago)", "not valid until …". */
export function expiryWords(facts: Pick<CertificateFacts, 'notBefore' | 'notAfter'>, now: Date): string {
  const { state, days } = validityAt(facts, now);
  if (state === 'expired') return `expired ${isoDay(facts.notAfter)} (${days === 0 ? 'today' : `${dayCount(days)} ago`})`;
  if (state === 'not-yet-valid') return `not valid until ${isoDay(facts.notBefore)} (${days === 0 ? 'within a day' : `${dayCount(days)} from now`})`;
  return `expires ${isoDay(facts.notAfter)} (${days === 0 ? 'within a day' : dayCount(days)})`;
}

/** The chain a client is sent and can verify, link by link. */
function chainSection(subject: Subject, certificates: readonly ParsedCertificate[], chainFile: string | undefined, now: Date): string {
  const fileName = shownPath(subject.model, subject.path);
  const fromFile = (certificate: ParsedCertificate, source: string): ChainCandidate => candidateOf(certificate, `${source} #${certificate.index + 1}`);
  const [leaf, ...rest] = certificates;
  const candidates = rest.map((certificate) => fromFile(certificate, fileName));
  const notes: string[] = [];
  if (chainFile) {
    const read = subject.reader.read(chainFile);
    if ('contents' in read) candidates.push(...read.contents.certificates.map((certificate) => fromFile(certificate, shownPath(subject.model, chainFile))));
    else notes.push(`The chain file ${fileLink(subject.model, chainFile)} ${read.message}.`);
  }
  const leafCandidate = fromFile(leaf, fileName);
  let chain = buildChain(leafCandidate, candidates);
  // The system bundle is large: read it only for an issuer the configuration does not provide.
  if (!chain.complete) {
    const anchors = systemAnchors(subject.reader);
    if (anchors.length > 0) chain = buildChain(leafCandidate, [...candidates, ...anchors]);
  }
  return [`**Chain** (from this certificate up)`, '', ...chainLines(chain, now), '', chainVerdict(chain, now), ...notes.flatMap((note) => ['', note])].join('\n');
}

function chainLines(chain: Chain, now: Date): string[] {
  return chain.links.map((link, index) => {
    const { facts, source } = link.certificate;
    const next = chain.links[index + 1]?.certificate;
    const expired = validityAt(facts, now).state === 'expired';
    const problems = [link.problem, expired ? `it ${validityWords(facts, now)}` : undefined].filter((problem) => problem !== undefined);
    const mark = problems.length > 0 ? '✗' : '✓';
    const why =
      problems.length > 0
        ? problems.join('; ')
        : next
          ? `issued and signed by ${codeSpan(next.facts.subject)}`
          : link.certificate.anchor
            ? `trusted root from the ${source}`
            : 'self-signed root';
    return `${index + 1}. ${mark} ${codeSpan(facts.subject)} (${source}): ${why}`;
  });
}

function chainVerdict(chain: Chain, now: Date): string {
  const last = chain.links[chain.links.length - 1]?.certificate;
  const expired = chain.links.some((link) => validityAt(link.certificate.facts, now).state === 'expired');
  if (!chain.complete) return 'The chain is incomplete: clients that do not already hold the missing issuer refuse the certificate. Add it after the certificate in this file.';
  if (expired) return 'The chain is complete, but a certificate in it has expired: clients refuse it.';
  if (last && !last.anchor) return 'The chain ends at a self-signed root found in the configuration: only clients that already trust that root accept it.';
  return 'The chain is complete and ends at a root the system trusts.';
}

function describeFolder(subject: Subject): string {
  const { reader, model } = subject;
  // Apache takes `certs/` and `certs` alike.
  const path = subject.path.length > 1 ? subject.path.replace(/\/+$/, '') : subject.path;
  const title = `${subject.head} ${fileLink(model, path)}`;
  const entries = reader.listDirectory(path);
  if (!entries) {
    const exists = reader.isDirectory(path);
    return exists ? `${title} cannot be listed.` : `${title} is not a folder that exists. Apache refuses the configuration: "${subject.name}: directory '${path}' does not exist".`;
  }
  const names = entries.map((entry) => entry.name).sort();
  const hashed = names.filter((name) => /^[0-9a-f]{8}\.r?\d+$/.test(name));
  const byFingerprint = new Map<string, ParsedCertificate>();
  let crls = 0;
  for (const name of names.slice(0, MAX_FOLDER_FILES)) {
    const read = reader.read(`${path}/${name}`);
    if (!('contents' in read)) continue;
    for (const certificate of read.contents.certificates) byFingerprint.set(certificate.facts.sha256, certificate);
    crls += read.contents.crls;
  }
  const unread = names.length > MAX_FOLDER_FILES ? ` (the first ${MAX_FOLDER_FILES} of ${names.length} files read)` : '';
  const hashNote =
    subject.directive.role === 'proxy-machine'
      ? ''
      : hashed.length > 0
        ? ` ${count(hashed.length, 'hash link')} for OpenSSL to look them up by.`
        : ' It has no hash links (`<hash>.0`): OpenSSL looks certificates and CRLs up by those only, so it finds nothing here until `openssl rehash` makes them.';
  const heading = `${subject.head} ${fileLink(model, path)}: a folder of ${count(names.length, 'file')}${unread}.${hashNote}`;
  if (subject.directive.role === 'crl' || subject.directive.role === 'proxy-crl') return `${heading} It holds ${count(crls, 'certificate revocation list')}.`;
  const certificates = [...byFingerprint.values()];
  return describeCaList(subject.directive.role, heading, certificates, reader.now());
}

function placedLine(model: ConfigModel, node: DirectiveNode): Placed | undefined {
  return proxyModel(model).lines.find((line) => line.item.node === node);
}

function hostOf(subject: Subject): HostCertificates | undefined {
  const placed = subject.placed;
  return placed && hostCertificates(subject.model).find((host) => host.host === placed.host);
}

function badBlocks(contents: CertificateFileContents): string {
  if (contents.badBlocks.length === 0) return '';
  const first = contents.badBlocks[0];
  return ` ${count(contents.badBlocks.length, 'block')} could not be read (line ${first.line + 1}: ${first.reason}).`;
}

function count(n: number, noun: string): string {
  return `${n === 0 ? 'no' : n} ${noun}${n === 1 ? '' : 's'}`;
}

function listed(items: readonly string[]): string {
  return items.length <= MAX_LISTED ? items.join(', ') : `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`;
}

