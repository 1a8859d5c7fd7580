// core/user-root: a build without BIG_SECURITY_HOLE (every distribution's)
// refuses to serve requests as root, so `User root` (or `User #0`, or a
// `#…` that C's atoi reads as 0) fails `apache2 -t` at the line: "Error:
// Apache has not been designed to serve pages while running as root."
import type { ConfigModel } from '../../config/buildConfigModel';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel } from '../proxyHosts';
import { onPath } from '../serverCertificates';
import type { Rule } from '../types';
import { atoi } from '../values/cNumber';

export const userRoot: Rule = modelRule(compute, {
  id: 'core/user-root',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_unixd.html#user',
  summary: '`User root`: Apache refuses to serve requests as root, and `apache2 -t` fails.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  for (const line of linesNamed(proxyModel(model), 'user')) {
    const name = line.item.args[0];
    if (name !== 'root' && !(name?.startsWith('#') && atoi(name.slice(1)) === 0)) continue;
    yield onPath(line, {
      message:
        'Apache refuses to serve requests as root, and stops at this line even with apache2 -t ("Apache has not been designed to serve pages while"… running as root). ' +
        'Start it as root and name an unprivileged account here (www-data on Debian and Ubuntu, apache on Red Hat): Apache switches to it after opening its ports and logs.',
    });
  }
}
