// What a certificate says, in plain fields. Node's X509Certificate parses the
// certificate; node-forge's DER decoder reads what Node has no accessor for
// (the signature algorithm, key usage bits, the CA path length). Decoding is
// forge's: this file only picks the extensions field out of the structure.
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';

export interface PublicKeyFacts {
  /** `rsa`, `ec`, `ed25519`, `ed448`, `dsa`, `rsa-pss`… as Node names them. */
  type: string;
  bits?: number;
  /** Named curve of an EC key (`prime256v1`, `secp384r1`…). */
  curve?: string;
}

export interface CertificateFacts {
  subject: string;
  issuer: string;
  /** The subject's common name, when it has one. */
  commonName?: string;
  dnsNames: string[];
  ipAddresses: string[];
  emails: string[];
  serial: string;
  notBefore: Date;
  notAfter: Date;
  publicKey: PublicKeyFacts;
  /** Name of the signature algorithm (`sha256WithRSAEncryption`, `ecdsa-with-SHA256`…) or its OID. */
  signatureAlgorithm: string;
  /** SHA-256 fingerprint, colon-separated hex. */
  sha256: string;
  /** Key usage bits that are set (`digitalSignature`, `keyCertSign`…); absent without the extension. */
  keyUsage?: string[];
  /** Extended key usages by name (`serverAuth`, `clientAuth`…) or OID; absent without the extension. */
  extendedKeyUsage?: string[];
  /** basicConstraints CA:TRUE. */
  isCa: boolean;
  /** basicConstraints pathLenConstraint, when set. */
  pathLength?: number;
  /** OCSP responder URIs from authorityInfoAccess. */
  ocspUris: string[];
  /** Subject and issuer are the same name and the certificate verifies with its own key. */
  selfSigned: boolean;
}

const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

const EXTENDED_KEY_USAGE_OIDS: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
};

export function describeCertificate(certificate: X509Certificate): CertificateFacts {
  const names = subjectAltNames(certificate.subjectAltName);
  const extensions = forgeExtensions(certificate.raw);
  const keyUsage = extensions.find((e) => e.name === 'keyUsage');
  const basic = extensions.find((e) => e.name === 'basicConstraints');
  const details = certificate.publicKey.asymmetricKeyDetails ?? {};
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    commonName: /(?:^|\n)CN=([^\n]*)/.exec(certificate.subject)?.[1],
    ...names,
    serial: certificate.serialNumber.toUpperCase(),
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
    publicKey: {
      type: certificate.publicKey.asymmetricKeyType ?? 'unknown',
      ...(details.modulusLength !== undefined ? { bits: details.modulusLength } : {}),
      ...(details.namedCurve !== undefined ? { curve: details.namedCurve } : {}),
    },
    signatureAlgorithm: signatureAlgorithm(certificate.raw),
    sha256: certificate.fingerprint256,
    ...(keyUsage ? { keyUsage: KEY_USAGE_BITS.filter((bit) => keyUsage[bit] === true) } : {}),
    ...(certificate.keyUsage !== undefined
      ? { extendedKeyUsage: certificate.keyUsage.map((oid) => EXTENDED_KEY_USAGE_OIDS[oid] ?? oid) }
      : {}),
    isCa: certificate.ca,
    ...(basic && typeof basic.pathLenConstraint === 'number' ? { pathLength: basic.pathLenConstraint } : {}),
    ocspUris: infoAccessUris(certificate.infoAccess, 'OCSP'),
    selfSigned: isSelfSigned(certificate),
  };
}

/** Whether the certificate names itself as issuer and its signature verifies with its own key. */
export function isSelfSigned(certificate: X509Certificate): boolean {
  if (certificate.subject !== certificate.issuer) return false;
  try {
    return certificate.verify(certificate.publicKey);
  } catch {
    return false;
  }
}

/** "C=DE\nO=Example\nCN=host" → "C=DE, O=Example, CN=host". */
function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

/** Node gives `DNS:a.example, IP Address:127.0.0.1, email:x@y`; values with commas come quoted. */
function subjectAltNames(text: string | undefined): Pick<CertificateFacts, 'dnsNames' | 'ipAddresses' | 'emails'> {
  const result = { dnsNames: [] as string[], ipAddresses: [] as string[], emails: [] as string[] };
  for (const entry of splitEntries(text ?? '')) {
    const colon = entry.indexOf(':');
    if (colon < 0) continue;
    const kind = entry.slice(0, colon);
    const value = unquote(entry.slice(colon + 1));
    if (kind === 'DNS') result.dnsNames.push(value);
    else if (kind === 'IP Address') result.ipAddresses.push(value);
    else if (kind === 'email') result.emails.push(value);
  }
  return result;
}

/** Splits Node's `a, b, "c, d"` lists at commas outside quotes. */
function splitEntries(text: string): string[] {
  return (text.match(/(?:[^,"]|"(?:[^"\\]|\\.)*")+/g) ?? []).map((entry) => entry.trim()).filter(Boolean);
}

function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  try {
    return JSON.parse(value) as string;
  } catch {
    return value.slice(1, -1);
  }
}

/** Node gives `OCSP - URI:http://ocsp.example\nCA Issuers - URI:http://…`. */
function infoAccessUris(text: string | undefined, method: string): string[] {
  const uris: string[] = [];
  for (const line of (text ?? '').split('\n')) {
    const match = /^(.*?) - URI:(.*)$/.exec(line.trim());
    if (match && match[1] === method) uris.push(unquote(match[2]));
  }
  return uris;
}

type ForgeExtension = { name?: string; [field: string]: unknown };

function decode(der: Buffer): forge.asn1.Asn1 | undefined {
  try {
    return forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
  } catch {
    return undefined;
  }
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }; TBS ends with [3] extensions. */
function forgeExtensions(der: Buffer): ForgeExtension[] {
  const certificate = decode(der);
  const tbs = Array.isArray(certificate?.value) ? certificate.value[0] : undefined;
  if (!tbs || !Array.isArray(tbs.value)) return [];
  const tagged = tbs.value.find((part) => part.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && part.type === 3);
  if (!tagged || !Array.isArray(tagged.value)) return [];
  try {
    // Present in node-forge's x509.js, missing from its type declarations.
    const pki = forge.pki as unknown as { certificateExtensionsFromAsn1(extensions: forge.asn1.Asn1): ForgeExtension[] };
    return pki.certificateExtensionsFromAsn1(tagged);
  } catch {
    return [];
  }
}

function signatureAlgorithm(der: Buffer): string {
  const certificate = decode(der);
  const algorithm = Array.isArray(certificate?.value) ? certificate.value[1] : undefined;
  const oid = Array.isArray(algorithm?.value) ? algorithm.value[0] : undefined;
  if (!oid || typeof oid.value !== 'string') return 'unknown';
  const dotted = forge.asn1.derToOid(oid.value);
  const name = (forge.pki.oids as Record<string, string | undefined>)[dotted];
  return name ?? SIGNATURE_OIDS[dotted] ?? dotted;
}

/** Signature algorithms forge has no name for. */
const SIGNATURE_OIDS: Record<string, string> = {
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
};
