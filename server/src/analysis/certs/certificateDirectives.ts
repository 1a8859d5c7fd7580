// The directives whose argument names a certificate, key, CA or CRL file or
// folder, and what that argument holds. Apache checks each at config-read
// time (ssl_cmd_check_file / ssl_cmd_check_dir): a file must exist, be a
// regular file and not be empty; a folder must exist. The path is relative to
// ServerRoot.
import { serverRootRelative } from '../../config/expandInclude';

export type CertificateRole =
  | 'certificate'
  | 'key'
  | 'chain'
  | 'ca'
  | 'crl'
  | 'ca-names'
  | 'proxy-ca'
  | 'proxy-crl'
  | 'proxy-machine'
  | 'proxy-machine-chain'
  | 'ocsp-responder';

export interface CertificateDirective {
  role: CertificateRole;
  /** A folder (…Path directives) rather than a file. */
  folder: boolean;
  /** Takes a PKCS#11 URI (`pkcs11:…`) in place of a file: only the server's certificate and key do. */
  keyId?: true;
}

/** By lower-case directive name. */
export const CERTIFICATE_DIRECTIVES: ReadonlyMap<string, CertificateDirective> = new Map([
  ['sslcertificatefile', { role: 'certificate', folder: false, keyId: true }],
  ['sslcertificatekeyfile', { role: 'key', folder: false, keyId: true }],
  ['sslcertificatechainfile', { role: 'chain', folder: false }],
  ['sslcacertificatefile', { role: 'ca', folder: false }],
  ['sslcacertificatepath', { role: 'ca', folder: true }],
  ['sslcarevocationfile', { role: 'crl', folder: false }],
  ['sslcarevocationpath', { role: 'crl', folder: true }],
  ['sslcadnrequestfile', { role: 'ca-names', folder: false }],
  ['sslcadnrequestpath', { role: 'ca-names', folder: true }],
  ['sslproxycacertificatefile', { role: 'proxy-ca', folder: false }],
  ['sslproxycacertificatepath', { role: 'proxy-ca', folder: true }],
  ['sslproxycarevocationfile', { role: 'proxy-crl', folder: false }],
  ['sslproxycarevocationpath', { role: 'proxy-crl', folder: true }],
  ['sslproxymachinecertificatefile', { role: 'proxy-machine', folder: false }],
  ['sslproxymachinecertificatepath', { role: 'proxy-machine', folder: true }],
  ['sslproxymachinecertificatechainfile', { role: 'proxy-machine-chain', folder: false }],
  ['sslocsprespondercertificatefile', { role: 'ocsp-responder', folder: false }],
] as [string, CertificateDirective][]);

/**
 * The file or folder a certificate directive names, as Apache opens it;
 * undefined for a PKCS#11 URI where the directive takes one. mod_ssl knows no
 * other scheme (verified on 2.4.71): `file:/x` or `engine:x` is a relative path.
 */
export function certificatePath(serverRoot: string, written: string | undefined, directive: CertificateDirective): string | undefined {
  if (written === undefined || written === '' || (directive.keyId && written.startsWith('pkcs11:'))) return undefined;
  return serverRootRelative(serverRoot, written);
}
