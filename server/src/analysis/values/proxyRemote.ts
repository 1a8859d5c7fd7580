// ProxyRemote and ProxyRemoteMatch, as mod_proxy's add_proxy reads them: the
// remote proxy must be scheme://host with something after the `//`, and a
// `:` after that starts a port that sscanf("%u") must read and that must not
// be above 65535 once stored in a C int; ProxyRemoteMatch's pattern is
// compiled after that (verified on 2.4.71, quirks included: `h:-1` and
// `h:80x` pass, `[::1]:80` fails, as the first `:` after `//` starts the port).
import type { Finding } from '../types';
import { scanUnsignedIntoInt } from './cNumber';
import { regexFinding } from './regexArguments';
import type { Word } from './words';

export function proxyRemoteFindings(directive: 'ProxyRemote' | 'ProxyRemoteMatch', words: readonly Word[]): Finding[] {
  const [match, remote] = words;
  if (!match || !remote) return [];
  const problem = remoteProblem(remote.value);
  if (problem) {
    const apache = `${directive}: Bad syntax for a remote proxy server${problem === 'port' ? ' (bad port number)' : ''}`;
    const what =
      problem === 'port'
        ? `The port of the remote proxy ${remote.value} is not a number Apache accepts (up to 65535, right after the first ":" that follows "//")`
        : `The remote proxy ${remote.value} is not written scheme://host`;
    return [{ range: remote.range, message: `${what}. Apache refuses to start with "${apache}".`, data: { apacheMessage: apache } }];
  }
  if (directive === 'ProxyRemote') return [];
  const refused = regexFinding(match, 'Regular expression for ProxyRemoteMatch could not be compiled.');
  return refused ? [refused] : [];
}

function remoteProblem(remote: string): 'syntax' | 'port' | undefined {
  const colon = remote.indexOf(':');
  if (colon < 0 || !remote.startsWith('//', colon + 1) || remote.length === colon + 3) return 'syntax';
  const portColon = remote.indexOf(':', colon + 3);
  if (portColon < 0) return undefined;
  const port = scanUnsignedIntoInt(remote.slice(portColon + 1));
  return port === undefined || port > 65535 ? 'port' : undefined;
}
