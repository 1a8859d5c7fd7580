// core/account-unknown: Apache turns the names of `User` and `Group` into ids
// while it reads each line (ap_uname2id / ap_gname2id) and exits when the
// system has no such name, so `apache2 -t` fails: "AH00543: apache2: bad
// user name apache", "AH00544: … bad group name apache". Typical: a Red Hat
// configuration (User apache) on Debian, whose user is www-data. A `#1000`
// id is taken as it is. Judged only where the names can be read from files
// (see systemAccounts.ts), and only when the configuration is written for
// this machine.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel } from '../proxyHosts';
import { onPath } from '../serverCertificates';
import { localAccountNames, type AccountKind } from '../systemAccounts';
import type { Rule } from '../types';

export const accountUnknown: Rule = modelRule(compute, {
  id: 'core/account-unknown',
  severity: 'error',
  readsCertificates: true,
  judgesThisMachine: true,
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_unixd.html#user',
  summary: 'A `User` or `Group` this machine does not have (`User apache` on Debian): `apache2 -t` fails.',
});

function* compute(model: ConfigModel, disk: CertificateReader): Iterable<LocatedFinding> {
  // Each table read once, however many User and Group lines a tree has (Include'd twice, in <IfDefine> branches).
  const tables = new Map<AccountKind, ReadonlySet<string> | undefined>();
  const namesOf = (kind: AccountKind): ReadonlySet<string> | undefined => {
    if (!tables.has(kind)) tables.set(kind, localAccountNames(disk, kind));
    return tables.get(kind);
  };
  for (const line of linesNamed(proxyModel(model), 'user', 'group')) {
    const name = line.item.args[0];
    if (name === undefined || name.startsWith('#') || (!model.definesKnown && name.includes('${'))) continue;
    const user = line.name === 'user';
    const names = namesOf(user ? 'passwd' : 'group');
    if (!names || names.has(name)) continue;
    const apache = `bad ${user ? 'user' : 'group'} name ${name}`;
    yield onPath(line, {
      message:
        `This machine has no ${user ? 'user' : 'group'} named ${name}. Apache stops while reading the configuration ("${apache}"), even with apache2 -t. ` +
        `Use the account the web server runs as here (www-data on Debian and Ubuntu, apache on Red Hat), or create it.`,
    });
  }
}
