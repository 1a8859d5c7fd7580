// Apache gives a request to the first virtual host on the connection's
// address:port whose ServerName or ServerAlias matches the Host header
// (vhost.c, matches_aliases), trying them in file order. A later virtual
// host that repeats a name, or whose name an earlier ServerAlias pattern
// covers, never receives requests for it. Apache says nothing about it.
import type { ConfigModel } from '../../config/buildConfigModel';
import { shownPath } from '../../config/shownPath';
import { listVirtualHosts, type AddressSet, type HostName, type VirtualHost } from '../../config/virtualHosts';
import type { Finding, Rule } from '../types';
import { perModel } from '../../config/oncePer';

/** Findings by file, worked out once per model: every file's analysis asks. */
const findingsByPath = perModel(shadowedNameFindings);

export const vhostDuplicateName: Rule = {
  id: 'vhost/duplicate-name',
  severity: 'warning',
  crossHost: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/vhosts/name-based.html',
  summary: 'A virtual host names a host that an earlier virtual host on the same address:port already answers to.',
  check({ scope, report }) {
    for (const finding of findingsByPath(scope.model).get(scope.path) ?? []) report(finding);
  },
};

/** A name an earlier virtual host of the set answers to, and how: by the alias written, else by its ServerName or the main server's. */
interface Claim {
  owner: VirtualHost;
  alias?: string;
}

/** `ServerName`, `ServerAlias *.example.com`, or the main server's name taken as fallback; worked out for findings only (thousands of names are filed). */
function howClaimed({ owner, alias }: Claim): string {
  if (alias !== undefined) return `its ServerAlias ${alias}`;
  return owner.serverName ? 'its ServerName' : "it has no ServerName and takes the main server's";
}

interface Shadowed {
  name: HostName;
  claim: Claim;
  addresses: string[];
}

function shadowedNameFindings(model: ConfigModel): Map<string, Finding[]> {
  // One finding per written name and first owner, however many address sets they share.
  const shadowed = new Map<string, Shadowed>();
  for (const set of listVirtualHosts(model).byAddress.values()) {
    for (const { name, claim } of shadowedInSet(set)) {
      const key = `${name.path}:${name.range.start.line}:${name.range.start.character}:${name.name}:${claim.owner.path}:${claim.owner.line}`;
      const known = shadowed.get(key);
      if (known) known.addresses.push(set.key);
      else shadowed.set(key, { name, claim, addresses: [set.key] });
    }
  }
  const byPath = new Map<string, Finding[]>();
  for (const { name, claim, addresses } of shadowed.values()) {
    const findings = byPath.get(name.path) ?? [];
    findings.push({
      range: name.range,
      message:
        `Requests for "${name.name}" on ${addresses.join(' and ')} go to the virtual host at ${shownPath(model, claim.owner.path)}:${claim.owner.line}, ` +
        `which comes first and answers to that name (${howClaimed(claim)}); this virtual host never receives them.`,
    });
    byPath.set(name.path, findings);
  }
  return byPath;
}

/** What a virtual host answers to, worked out once per host: a rebuilt model shares the hosts an edit did not touch. */
interface Answers {
  /** Lower-cased: ServerName, then each ServerAlias, as checked against earlier hosts. */
  checked: { name: HostName; key: string }[];
  /** Lower-cased: the name it answers to (its own or the main server's), then each alias, as filed for later hosts. */
  filed: { key: string; claim: Claim }[];
  patterns: { matches: RegExp; claim: Claim }[];
}

const answersOf = new WeakMap<VirtualHost, Answers>();

function answers(vhost: VirtualHost): Answers {
  let known = answersOf.get(vhost);
  if (!known) {
    const named = vhost.serverName ? [vhost.serverName, ...vhost.aliases] : vhost.aliases;
    const aliases = vhost.aliases.map((alias) => ({ key: alias.name.toLowerCase(), claim: { owner: vhost, alias: alias.name } }));
    known = {
      checked: named.map((name) => ({ name, key: name.name.toLowerCase() })),
      // concat, not a spread: a list built by spreading keeps room to grow, and there is one per host for the life of the model.
      filed: vhost.name === undefined ? aliases : [{ key: vhost.name.toLowerCase(), claim: { owner: vhost } as Claim }].concat(aliases),
      patterns: aliases.filter(({ claim }) => isPattern(claim.alias)).map(({ claim }) => ({ matches: patternRegExp(claim.alias), claim })),
    };
    answersOf.set(vhost, known);
  }
  return known;
}

/** Names of the set's virtual hosts that an earlier one in file order already answers to. */
function shadowedInSet(set: AddressSet): { name: HostName; claim: Claim }[] {
  const found: { name: HostName; claim: Claim }[] = [];
  const exact = new Map<string, Claim>();
  const patterns: { matches: RegExp; claim: Claim }[] = [];
  for (const vhost of set.virtualHosts) {
    const { checked, filed, patterns: own } = answers(vhost);
    // Checked before this host's own names are filed, so every claim found is an earlier host's.
    for (const { name, key } of checked) {
      const literal = exact.get(key);
      const covering = patterns.length === 0 || isPattern(name.name) ? undefined : patterns.find((pattern) => pattern.matches.test(name.name))?.claim;
      const claim = earliest(literal, covering);
      if (claim) found.push({ name, claim });
    }
    for (const { key, claim } of filed) if (!exact.has(key)) exact.set(key, claim);
    patterns.push(...own);
  }
  return found;

  function earliest(a: Claim | undefined, b: Claim | undefined): Claim | undefined {
    if (!a || !b) return a ?? b;
    return set.virtualHosts.indexOf(a.owner) <= set.virtualHosts.indexOf(b.owner) ? a : b;
  }
}

/** Apache files an alias with `*` or `?` as a pattern (ap_is_matchexp). */
function isPattern(name: string): boolean {
  return /[*?]/.test(name);
}

/** ap_strcasecmp_match: `*` is any run of characters, `?` one character, case ignored, whole name. */
function patternRegExp(pattern: string): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'is');
}
