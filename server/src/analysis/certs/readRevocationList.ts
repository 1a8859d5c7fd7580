// What the CRL rules need from an X.509 CRL (RFC 5280 5.1): who issued it and
// until when it is current. Node's crypto has no CRL reader, so the DER is
// walked with node-forge's ASN.1 parser. Never throws: a block that does not
// parse gives undefined.
import type { X509Certificate } from 'node:crypto';
import forge from 'node-forge';

export interface RevocationList {
  /** Position among the file's CRL blocks, from 0. */
  index: number;
  /** 0-based line of its BEGIN marker. */
  line: number;
  /** The issuer name's DER, compared byte for byte with a CA's subject. */
  issuerDer: string;
  thisUpdate: Date;
  /** Absent in a CRL without one (OpenSSL then never calls it expired). */
  nextUpdate?: Date;
}

const TIME_TYPES = new Set<number>([forge.asn1.Type.UTCTIME, forge.asn1.Type.GENERALIZEDTIME]);

/** The CRL's issuer and dates; undefined when the DER is not a CRL. */
export function readRevocationList(der: Buffer, index: number, line: number): RevocationList | undefined {
  try {
    const list = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
    const tbs = children(list)[0];
    const fields = children(tbs);
    // tbsCertList: version (optional INTEGER), signature, issuer, thisUpdate, nextUpdate (optional), …
    const at = fields[0]?.type === forge.asn1.Type.INTEGER ? 1 : 0;
    const issuer = fields[at + 1];
    const thisUpdate = timeOf(fields[at + 2]);
    if (!issuer || issuer.type !== forge.asn1.Type.SEQUENCE || !thisUpdate) return undefined;
    const nextUpdate = timeOf(fields[at + 3]);
    return { index, line, issuerDer: forge.asn1.toDer(issuer).getBytes(), thisUpdate, ...(nextUpdate ? { nextUpdate } : {}) };
  } catch {
    return undefined;
  }
}

const subjects = new WeakMap<X509Certificate, string>();

/** A certificate's subject name as DER, to match CRL issuers with. */
export function subjectDerOf(certificate: X509Certificate): string {
  let known = subjects.get(certificate);
  if (known === undefined) {
    known = '';
    try {
      const fields = children(children(forge.asn1.fromDer(forge.util.createBuffer(certificate.raw.toString('binary'))))[0]);
      // tbsCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject, …
      const at = fields[0]?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
      const subject = fields[at + 4];
      if (subject) known = forge.asn1.toDer(subject).getBytes();
    } catch {
      // A certificate Node parsed but forge cannot: it matches no CRL.
    }
    subjects.set(certificate, known);
  }
  return known;
}

function children(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  return node && Array.isArray(node.value) ? node.value : [];
}

function timeOf(node: forge.asn1.Asn1 | undefined): Date | undefined {
  if (!node || !TIME_TYPES.has(node.type) || typeof node.value !== 'string') return undefined;
  return node.type === forge.asn1.Type.UTCTIME ? forge.asn1.utcTimeToDate(node.value) : forge.asn1.generalizedTimeToDate(node.value);
}
