// A throw-away PKI for trying mutual TLS: a CA, a server certificate for one
// host, a client certificate, and the client's certificate and key in a
// password-protected PKCS#12 file a browser can import. Certificates are
// made with node-forge; RSA keys come from Node's crypto, which is far faster
// than forge's. Files are written through an injected writer that never
// replaces an existing file.
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import forge from 'node-forge';
import { DAY_MS } from './validity';

export interface PkiFileWriter {
  exists(path: string): boolean;
  /** Creates the file with this mode; must fail rather than replace one that exists. */
  create(path: string, contents: string | Uint8Array, mode: number): void;
}

export interface TestPkiOptions {
  /** Absolute folder the files go in. */
  folder: string;
  /** The name clients use for the server: a DNS name (wildcards allowed) or an IP address. */
  host: string;
  /** Common name of the client certificate; "client" by default. */
  clientName?: string;
  /** Protects client.p12; without one no .p12 is written. */
  p12Password?: string;
  /** Defaults to the current time. */
  now?: Date;
}

export interface TestPkiFiles {
  caCertificate: string;
  caKey: string;
  serverCertificate: string;
  serverKey: string;
  clientCertificate: string;
  clientKey: string;
  /** Absent when no password was given. */
  clientP12?: string;
}

export interface TestPki {
  files: TestPkiFiles;
  /** Lines for the <VirtualHost>, in order, without indentation. */
  directives: string[];
}

export const TEST_PKI_FILE_NAMES = ['ca.crt', 'ca.key', 'server.crt', 'server.key', 'client.crt', 'client.key', 'client.p12'] as const;

/** Short lives: the PKI is for tests. Leaves stay under the 398 days browsers allow a server certificate. */
const CA_DAYS = 730;
const LEAF_DAYS = 365;
const KEY_BITS = 2048;
const PRIVATE_MODE = 0o600;
const PUBLIC_MODE = 0o644;
const DNS_NAME = /^(\*\.)?(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$/i;

/** Problems with the options, each a sentence; empty when they can be used. */
export function testPkiOptionProblems(options: TestPkiOptions): string[] {
  const problems: string[] = [];
  if (!DNS_NAME.test(options.host) && isIP(options.host) === 0) problems.push(`'${options.host}' is neither a host name nor an IP address`);
  const client = options.clientName ?? 'client';
  // 64 characters is X.520's upper bound for a common name.
  if (client.trim() === '' || client.length > 64) problems.push('the client name must be 1 to 64 characters');
  if (options.p12Password !== undefined && options.p12Password === '') problems.push('the .p12 password must not be empty');
  return problems;
}

/** The paths the PKI would write, by role. */
export function testPkiPaths(folder: string, withP12: boolean): TestPkiFiles {
  return {
    caCertificate: join(folder, 'ca.crt'),
    caKey: join(folder, 'ca.key'),
    serverCertificate: join(folder, 'server.crt'),
    serverKey: join(folder, 'server.key'),
    clientCertificate: join(folder, 'client.crt'),
    clientKey: join(folder, 'client.key'),
    ...(withP12 ? { clientP12: join(folder, 'client.p12') } : {}),
  };
}

/** The directives that make a virtual host serve the server certificate and require a client certificate from the CA. */
export function testPkiDirectives(files: TestPkiFiles): string[] {
  return [
    'SSLEngine on',
    `SSLCertificateFile ${configWord(files.serverCertificate)}`,
    `SSLCertificateKeyFile ${configWord(files.serverKey)}`,
    `SSLCACertificateFile ${configWord(files.caCertificate)}`,
    'SSLVerifyClient require',
    // The client certificates are signed by the CA itself.
    'SSLVerifyDepth 1',
  ];
}

export function createTestPki(options: TestPkiOptions, writer: PkiFileWriter): TestPki | { error: string } {
  const problems = testPkiOptionProblems(options);
  if (problems.length > 0) return { error: `Cannot create the test PKI: ${problems.join('; ')}.` };
  const files = testPkiPaths(options.folder, options.p12Password !== undefined);
  const existing = Object.values(files).filter((path) => writer.exists(path));
  if (existing.length > 0) {
    return { error: `Not creating the test PKI: these files already exist and are left as they are: ${existing.join(', ')}. Choose an empty folder or move them away.` };
  }
  const now = options.now ?? new Date();
  const clientName = options.clientName ?? 'client';
  const ca = issue({ subject: `Test CA for ${options.host}`, now, days: CA_DAYS, kind: 'ca' });
  const server = issue({ subject: options.host, now, days: LEAF_DAYS, kind: 'server', host: options.host, issuer: ca });
  const client = issue({ subject: clientName, now, days: LEAF_DAYS, kind: 'client', issuer: ca });
  const outputs: [string | undefined, string | Uint8Array, number][] = [
    [files.caCertificate, ca.pem, PUBLIC_MODE],
    [files.caKey, keyPem(ca.privateKey), PRIVATE_MODE],
    [files.serverCertificate, server.pem, PUBLIC_MODE],
    [files.serverKey, keyPem(server.privateKey), PRIVATE_MODE],
    [files.clientCertificate, client.pem, PUBLIC_MODE],
    [files.clientKey, keyPem(client.privateKey), PRIVATE_MODE],
    [files.clientP12, options.p12Password === undefined ? '' : p12Of(client, ca, clientName, options.p12Password), PRIVATE_MODE],
  ];
  try {
    for (const [path, contents, mode] of outputs) if (path) writer.create(path, contents, mode);
  } catch (error) {
    return { error: `Cannot write the test PKI: ${(error as Error).message}` };
  }
  return { files, directives: testPkiDirectives(files) };
}

/** Writes to disk, making the folder when needed; `wx` refuses a file that appeared meanwhile. */
export const diskPkiWriter: PkiFileWriter = {
  exists: (path) => existsSync(path),
  create(path, contents, mode) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents, { mode, flag: 'wx' });
  },
};

interface Issued {
  certificate: forge.pki.Certificate;
  pem: string;
  privateKey: KeyObject;
  forgeKey: forge.pki.rsa.PrivateKey;
}

interface IssueRequest {
  subject: string;
  now: Date;
  days: number;
  kind: 'ca' | 'server' | 'client';
  host?: string;
  issuer?: Issued;
}

function issue(request: IssueRequest): Issued {
  const pair = generateKeyPairSync('rsa', { modulusLength: KEY_BITS });
  const forgeKey = forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  certificate.serialNumber = serialNumber();
  // An hour back, so a clock a little behind still accepts it.
  certificate.validity.notBefore = new Date(request.now.getTime() - 60 * 60 * 1000);
  certificate.validity.notAfter = new Date(request.now.getTime() + request.days * DAY_MS);
  const subject = [
    { name: 'commonName', value: request.subject },
    { name: 'organizationName', value: 'apache-ssl test PKI' },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(request.issuer ? request.issuer.certificate.subject.attributes : subject);
  certificate.setExtensions([...extensionsFor(request), { name: 'subjectKeyIdentifier' }, ...authorityKeyId(request.issuer)]);
  certificate.sign(request.issuer?.forgeKey ?? forgeKey, forge.md.sha256.create());
  return { certificate, pem: forge.pki.certificateToPem(certificate), privateKey: pair.privateKey, forgeKey };
}

function extensionsFor(request: IssueRequest): object[] {
  if (request.kind === 'ca') {
    return [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ];
  }
  const leaf = [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
  ];
  if (request.kind === 'client') return [...leaf, { name: 'extKeyUsage', clientAuth: true }];
  return [...leaf, { name: 'extKeyUsage', serverAuth: true }, { name: 'subjectAltName', altNames: serverAltNames(request.host ?? request.subject) }];
}

/** DNS (type 2) or IP (type 7) names; localhost also answers on 127.0.0.1. */
function serverAltNames(host: string): object[] {
  if (isIP(host) !== 0) return [{ type: 7, ip: host }];
  return host.toLowerCase() === 'localhost' ? [{ type: 2, value: host }, { type: 7, ip: '127.0.0.1' }] : [{ type: 2, value: host }];
}

function authorityKeyId(issuer: Issued | undefined): object[] {
  return issuer ? [{ name: 'authorityKeyIdentifier', keyIdentifier: issuer.certificate.generateSubjectKeyIdentifier().getBytes() }] : [];
}

/** 16 random bytes, high bit clear so the DER integer stays positive. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

function keyPem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * The client's key and certificate (with the CA, so the browser shows the
 * chain). The key bag uses PBE with SHA-1 and 3DES: every browser and key
 * store imports it (some macOS and older Windows key stores refuse AES-256
 * PBES2), and OpenSSL 3 opens it without its legacy provider.
 */
function p12Of(client: Issued, ca: Issued, name: string, password: string): Uint8Array {
  const asn1 = forge.pkcs12.toPkcs12Asn1(client.forgeKey, [client.certificate, ca.certificate], password, {
    algorithm: '3des',
    friendlyName: name,
    generateLocalKeyId: true,
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** A path as one configuration word: quoted when it holds a blank or a quote. */
function configWord(path: string): string {
  return /[\s"'#\\]/.test(path) ? `"${path.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : path;
}
