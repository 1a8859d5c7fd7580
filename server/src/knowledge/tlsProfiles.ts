// Mozilla's server-side TLS profiles (tlsProfiles.json), in the shape the TLS
// rules and their quick fixes use.
import data from './tlsProfiles.json';
import type { TlsProfileSetting } from '../settings';

export type TlsProfileName = Exclude<TlsProfileSetting, 'off'>;

export interface TlsProfile {
  name: TlsProfileName;
  /** Protocol words as SSLProtocol spells them (`TLSv1.2`). */
  tlsVersions: readonly string[];
  /** TLS 1.2 suites in OpenSSL's names, in the recommended order; empty when the profile has no TLS 1.2. */
  ciphers: readonly string[];
  /** TLS 1.3 suites. */
  ciphersuites: readonly string[];
  serverPreferredOrder: boolean;
  /** The directives that set the profile, as Apache lines' arguments. */
  apache: { SSLProtocol: string; SSLCipherSuite?: string; SSLHonorCipherOrder: string; SSLSessionTickets: string };
}

export const TLS_GUIDELINES: Readonly<typeof data.guidelines> = data.guidelines;

const PROFILES: Record<TlsProfileName, TlsProfile> = {
  modern: { name: 'modern', ...data.profiles.modern },
  intermediate: { name: 'intermediate', ...data.profiles.intermediate },
};

/** The profile a setting names; undefined for `off`. */
export function tlsProfile(setting: TlsProfileSetting): TlsProfile | undefined {
  return setting === 'off' ? undefined : PROFILES[setting];
}

/** "Mozilla intermediate (guidelines 5.7)". */
export function profileTitle(profile: TlsProfile): string {
  return `Mozilla ${profile.name} (guidelines ${TLS_GUIDELINES.version})`;
}
