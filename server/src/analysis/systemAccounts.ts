// Whether a user or group name exists on this machine, as Apache's
// getpwnam/getgrnam would find it, when that can be told from files: only
// where /etc/nsswitch.conf sends the lookup to `files` (and `systemd`, which
// adds root, nobody and services' dynamic users, none an Apache user).
// Elsewhere (LDAP, SSSD, NIS) a name missing from /etc/passwd may well exist,
// and nothing is judged.
import type { CertificateReader } from './certs/certificateReader';

export type AccountKind = 'passwd' | 'group';

const LOCAL_SOURCES = new Set(['files', 'systemd']);

/** The names in /etc/passwd or /etc/group, or undefined when the name service looks elsewhere too. */
export function localAccountNames(disk: CertificateReader, kind: AccountKind): ReadonlySet<string> | undefined {
  const nsswitch = disk.readText('/etc/nsswitch.conf');
  const line = nsswitch?.split('\n').find((entry) => entry.trim().startsWith(`${kind}:`));
  const sources = line?.slice(line.indexOf(':') + 1).replace(/#.*/, '').trim().split(/\s+/) ?? [];
  // Another source, or a [NOTFOUND=…] action, may find more; without the file, glibc's default depends on its version.
  if (sources.length === 0 || sources.some((source) => !LOCAL_SOURCES.has(source))) return undefined;
  const table = disk.readText(`/etc/${kind}`);
  if (table === undefined) return undefined;
  return new Set(table.split('\n').map((entry) => entry.slice(0, entry.indexOf(':'))).filter((name) => name !== '' && !name.startsWith('#')));
}
