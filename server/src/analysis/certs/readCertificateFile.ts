// Reads one file a TLS directive names: PEM bundles (certificates, private
// keys of every kind, CRLs) or a single DER certificate or key. Never throws:
// what cannot be read or parsed is described. Private keys are kept only as
// KeyObjects for matching against certificates; nothing here exposes their
// material, only type, size and whether they are encrypted.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { describeCertificate, type CertificateFacts, type PublicKeyFacts } from './describeCertificate';
import { readRevocationList, type RevocationList } from './readRevocationList';

/** Larger files are refused unread: no certificate bundle comes near it. */
export const MAX_CERTIFICATE_FILE_BYTES = 5 * 1024 * 1024;

export interface ParsedCertificate {
  /** Position among the file's certificates, from 0. */
  index: number;
  /** 0-based line of its BEGIN marker (0 for DER). */
  line: number;
  /** Where its PEM block (BEGIN to END marker) stands in the text; the whole file for DER. */
  block: { start: number; end: number };
  x509: X509Certificate;
  facts: CertificateFacts;
}

export interface ParsedKey {
  index: number;
  line: number;
  /** The PEM label (`PRIVATE KEY`, `RSA PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`…), `DER` for a binary key. */
  label: string;
  encrypted: boolean;
  /** Type, bits, curve; absent when encrypted or unparsable. */
  facts?: PublicKeyFacts;
  /** For checkPrivateKey only; absent when encrypted or unparsable. */
  key?: KeyObject;
  /** Why the key could not be parsed (never its content). */
  error?: string;
}

/** A PEM block that could not be used, and why. */
export interface BadBlock {
  line: number;
  label: string;
  reason: string;
}

export interface CertificateFileContents {
  format: 'pem' | 'der';
  certificates: ParsedCertificate[];
  keys: ParsedKey[];
  /** Number of `X509 CRL` blocks. */
  crls: number;
  /** The CRL blocks that parse, with their issuers and dates. */
  revocationLists: RevocationList[];
  badBlocks: BadBlock[];
}

export type CertificateFileProblem = 'missing' | 'not-file' | 'empty' | 'too-large' | 'unreadable';

export type CertificateFileRead =
  | { path: string; contents: CertificateFileContents }
  | { path: string; problem: CertificateFileProblem; message: string };

const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);
const KEY_LABEL = /^(?:(RSA|EC|DSA|ENCRYPTED) )?PRIVATE KEY$/;
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

/** Parses the bytes of a file already read. */
export function parseCertificateBytes(bytes: Uint8Array): CertificateFileContents {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString('latin1');
  if (text.includes('-----BEGIN ')) return parsePemText(text);
  return parseDer(buffer);
}

function emptyContents(format: 'pem' | 'der'): CertificateFileContents {
  return { format, certificates: [], keys: [], crls: 0, revocationLists: [], badBlocks: [] };
}

/** The blocks of a PEM text, with their places in it (quick fixes that move or copy blocks edit the text by them). */
export function parsePemText(text: string): CertificateFileContents {
  const contents = emptyContents('pem');
  for (const match of text.matchAll(PEM_BLOCK)) {
    const label = match[1];
    const start = match.index ?? 0;
    const line = countLines(text, start);
    const block = match[0];
    if (CERTIFICATE_LABELS.has(label)) {
      const certificate = parseCertificate(label === 'CERTIFICATE' ? block : derOf(match[2]));
      if ('reason' in certificate) contents.badBlocks.push({ line, label, reason: certificate.reason });
      else contents.certificates.push(withPlace(certificate, contents.certificates.length, line, { start, end: start + block.length }));
    } else if (KEY_LABEL.test(label)) {
      contents.keys.push({ index: contents.keys.length, line, label, ...parseKey(block, /Proc-Type:\s*4,ENCRYPTED/.test(match[2]) || label.startsWith('ENCRYPTED')) });
    } else if (label === 'X509 CRL') {
      const list = readRevocationList(Buffer.from(match[2], 'base64'), contents.crls, line);
      if (list) contents.revocationLists.push(list);
      contents.crls++;
    }
  }
  return contents;
}

function parseDer(buffer: Buffer): CertificateFileContents {
  const contents = emptyContents('der');
  const certificate = parseCertificate(buffer);
  if (!('reason' in certificate)) {
    contents.certificates.push(withPlace(certificate, 0, 0, { start: 0, end: buffer.length }));
    return contents;
  }
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      const key = createPrivateKey({ key: buffer, format: 'der', type });
      contents.keys.push({ index: 0, line: 0, label: 'DER', encrypted: false, key, facts: keyFacts(key) });
      return contents;
    } catch {
      // Not this encoding: try the next.
    }
  }
  return contents;
}

/** Adds the place without reading `facts` (a spread would compute them). */
function withPlace(certificate: { x509: X509Certificate; facts: CertificateFacts }, index: number, line: number, block: ParsedCertificate['block']): ParsedCertificate {
  return Object.defineProperties({ index, line, block } as ParsedCertificate, {
    x509: { value: certificate.x509, enumerable: true },
    facts: { get: () => certificate.facts, enumerable: true },
  });
}

/** `TRUSTED CERTIFICATE` blocks carry trust settings after the certificate: X509Certificate reads the leading DER. */
function derOf(base64: string): Buffer {
  return Buffer.from(base64.replace(/^[A-Za-z-]+:.*$/gm, ''), 'base64');
}

function parseCertificate(source: string | Buffer): { x509: X509Certificate; facts: CertificateFacts } | { reason: string } {
  try {
    const x509 = new X509Certificate(source);
    // Facts are worked out when first asked for: a system bundle of 150 CAs is mostly searched by name only.
    let facts: CertificateFacts | undefined;
    return {
      x509,
      get facts() {
        facts ??= describeCertificate(x509);
        return facts;
      },
    };
  } catch (error) {
    return { reason: reasonOf(error) };
  }
}

function parseKey(pem: string, encrypted: boolean): Omit<ParsedKey, 'index' | 'line' | 'label'> {
  if (encrypted) return { encrypted: true };
  try {
    const key = createPrivateKey(pem);
    return { encrypted: false, key, facts: keyFacts(key) };
  } catch (error) {
    return { encrypted: false, error: reasonOf(error) };
  }
}

export function keyFacts(key: KeyObject): PublicKeyFacts {
  const details = key.asymmetricKeyDetails ?? {};
  return {
    type: key.asymmetricKeyType ?? 'unknown',
    ...(details.modulusLength !== undefined ? { bits: details.modulusLength } : {}),
    ...(details.namedCurve !== undefined ? { curve: details.namedCurve } : {}),
  };
}

/** OpenSSL's reason without Node's stack or any input echoed back. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].slice(0, 200);
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
