// Runs the real `apache2 -S` on a configuration tree and reads back its
// "VirtualHost configuration:" section (vhost.c, dump_vhost_config).
import { spawnSync } from 'node:child_process';
import { requireApache } from './apacheOracle';

const APACHE = '/usr/sbin/apache2';

export interface DumpedServer {
  name: string;
  file: string;
  line: number;
}

export interface DumpedVirtualHost extends DumpedServer {
  /** Printed only for virtual hosts that share their address:port with others. */
  aliases: string[];
  wildAliases: string[];
}

export interface DumpedAddressSet {
  /** `*:80`, `127.0.0.1:*`, `[::1]:443`. */
  key: string;
  /** "is a NameVirtualHost": more than one virtual host shares the address:port. */
  nameBased: boolean;
  defaultHost: DumpedServer;
  /** In Apache's order, which is file order. */
  virtualHosts: DumpedVirtualHost[];
}

export interface VhostDump {
  sets: DumpedAddressSet[];
  /** Everything apache2 printed, for failure messages. */
  output: string;
}

/**
 * `apache2 -d ROOT -f MAIN -S` with nothing from our environment but PATH,
 * plus `environment` when given (Debian's configuration reads
 * APACHE_RUN_DIR and the like, which apache2ctl takes from envvars).
 */
export function dumpVirtualHosts(serverRoot: string, mainConfig: string, environment: Record<string, string> = {}): VhostDump {
  requireApache();
  const result = spawnSync(APACHE, ['-d', serverRoot, '-f', mainConfig, '-S'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...environment },
  });
  if (result.error) throw result.error;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`apache2 -S failed (${result.status}):\n${output}`);
  return { sets: parseVhostDump(result.stdout), output };
}

const SINGLE = /^(\S+)\s+(\S+) \((.+):(\d+)\)$/;
const NAME_BASED = /^(\S+)\s+is a NameVirtualHost$/;
const DEFAULT = /^\s+default server (\S+) \((.+):(\d+)\)$/;
const MEMBER = /^\s+port (\S+) namevhost (\S+) \((.+):(\d+)\)$/;
const ALIAS = /^\s+(wild )?alias (\S+)$/;

export function parseVhostDump(stdout: string): DumpedAddressSet[] {
  const lines = stdout.split('\n');
  const start = lines.indexOf('VirtualHost configuration:');
  if (start < 0) throw new Error(`no "VirtualHost configuration:" in:\n${stdout}`);
  const sets: DumpedAddressSet[] = [];
  const host = (name: string, file: string, line: string): DumpedVirtualHost => ({ name, file, line: Number(line), aliases: [], wildAliases: [] });
  for (const line of lines.slice(start + 1)) {
    const set = sets[sets.length - 1];
    const member = set?.virtualHosts[set.virtualHosts.length - 1];
    let match: RegExpExecArray | null;
    if ((match = NAME_BASED.exec(line))) {
      sets.push({ key: match[1], nameBased: true, defaultHost: { name: '', file: '', line: 0 }, virtualHosts: [] });
    } else if ((match = DEFAULT.exec(line)) && set) {
      set.defaultHost = { name: match[1], file: match[2], line: Number(match[3]) };
    } else if ((match = MEMBER.exec(line)) && set) {
      set.virtualHosts.push(host(match[2], match[3], match[4]));
    } else if ((match = ALIAS.exec(line)) && member) {
      (match[1] ? member.wildAliases : member.aliases).push(match[2]);
    } else if ((match = SINGLE.exec(line))) {
      const only = host(match[2], match[3], match[4]);
      sets.push({ key: match[1], nameBased: false, defaultHost: { name: only.name, file: only.file, line: only.line }, virtualHosts: [only] });
    } else {
      // The run settings (ServerRoot:, Main DocumentRoot:, …) follow the map.
      break;
    }
  }
  return sets;
}
