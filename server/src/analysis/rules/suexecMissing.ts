// core/suexec-missing: Apache decides whether suEXEC works before it reads
// the configuration: its wrapper (SUEXEC_BIN, fixed when Apache is built)
// must exist and be owned by root with the setuid bit. When it is not,
// mod_suexec refuses every SuexecUserGroup line, so `apache2 -t` fails there:
// "SuexecUserGroup configured, but suEXEC is disabled: Missing suexec binary
// /usr/lib/apache2/suexec" ("Invalid owner or file mode for …"), and
// `Suexec On` fails with "suEXEC isn't supported: …". `Suexec Off` turns it
// off for the lines after it ("Suexec directive is Off"). Debian ships the
// wrapper apart (apache2-suexec-pristine or -custom). The wrapper's path is
// read from the mod_suexec file the tree loads, which names it, so the rule
// holds for any build; without that, or without the owner and mode of the
// file, only `Suexec Off` is judged.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel, type Placed } from '../proxyHosts';
import { onPath } from '../serverCertificates';
import type { Rule } from '../types';

export const suexecMissing: Rule = modelRule(compute, {
  id: 'core/suexec-missing',
  severity: 'error',
  readsCertificates: true,
  judgesThisMachine: true,
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_suexec.html#suexecusergroup',
  summary: '`SuexecUserGroup` or `Suexec On` while the suEXEC wrapper is missing or not setuid root, or `SuexecUserGroup` after `Suexec Off`: `apache2 -t` fails at that line.',
});

const SETUID = 0o4000;

/** Why suEXEC is off, in our words and in Apache's. */
interface Reason {
  ours: string;
  apache: string;
}

const TURNED_OFF: Reason = { ours: 'An earlier `Suexec Off` turned suEXEC off.', apache: 'Suexec directive is Off' };

function* compute(model: ConfigModel, disk: CertificateReader): Iterable<LocatedFinding> {
  const lines = [...linesNamed(proxyModel(model), 'suexec', 'suexecusergroup')];
  if (lines.length === 0) return;
  const load = model.loadedModules.get('suexec_module');
  const wrapper = load && disk.sharedObject(load.file)?.suexecWrapper;
  /** Why suEXEC is off at this line: undefined while it works, 'unknown' when that cannot be told. */
  let off: Reason | undefined | 'unknown' = wrapper ? disabledReason(wrapper, disk) : 'unknown';
  for (const line of lines) {
    const { args } = line.item;
    if (line.name === 'suexec') {
      const on = args[0]?.toLowerCase();
      if (on === 'off') off = TURNED_OFF;
      else if (on === 'on' && off && off !== 'unknown') yield refused(line, off, `suEXEC isn't supported: ${off.apache}`);
      continue;
    }
    // A line without its two words is args/count's: Apache counts them first.
    if (args.length === 2 && off && off !== 'unknown') yield refused(line, off, `SuexecUserGroup configured, but suEXEC is disabled: ${off.apache}`);
  }
}

function refused(line: Placed, reason: Reason, apache: string): LocatedFinding {
  return onPath(line, {
    message:
      `${reason.ours} Apache refuses the configuration at this line ("${apache}"), even with apache2 -t. ` +
      (reason === TURNED_OFF
        ? 'Remove `Suexec Off`, or this line.'
        : "On Debian, install apache2-suexec-pristine (or apache2-suexec-custom); or remove the line, and the programs run as the server's own user."),
  });
}

function disabledReason(wrapper: string, disk: CertificateReader): Reason | undefined | 'unknown' {
  const stat = disk.stat(wrapper);
  if (!stat) return { ours: `Nothing is at ${wrapper}, the suEXEC wrapper this Apache is built to run.`, apache: `Missing suexec binary ${wrapper}` };
  if (stat.mode === undefined || stat.uid === undefined) return 'unknown';
  if ((stat.mode & SETUID) !== 0 && stat.uid === 0) return undefined;
  return {
    ours: `${wrapper}, the suEXEC wrapper, is not owned by root with the setuid bit, as its package installs it.`,
    apache: `Invalid owner or file mode for ${wrapper}`,
  };
}
