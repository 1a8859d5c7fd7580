// Facts about section names shared by the structural rules.
import type { PlacementKind } from '../../knowledge/directiveIndex';

/** Sections Apache evaluates while reading the file (EXEC_ON_READ conditionals). */
const CONDITIONAL_SECTIONS = new Set(['ifmodule', 'ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection']);

export function isConditionalSection(name: string): boolean {
  return CONDITIONAL_SECTIONS.has(name.toLowerCase());
}

/** Known sections that Apache accepts with no arguments (verified with apache2 -t 2.4.71). */
const ARGUMENTS_OPTIONAL = new Set(['proxy', 'proxymatch', 'requireall', 'requireany', 'requirenone', 'else']);
/** Known sections that refuse any argument. */
const ARGUMENTS_FORBIDDEN = new Set(['else']);

export function sectionRequiresArguments(name: string): boolean {
  return !ARGUMENTS_OPTIONAL.has(name.toLowerCase());
}

export function sectionForbidsArguments(name: string): boolean {
  return ARGUMENTS_FORBIDDEN.has(name.toLowerCase());
}

const ALL: PlacementKind[] = ['server', 'virtualhost', 'directory', 'files', 'location', 'if', 'proxy', 'limit'];
const OUTSIDE_PER_DIR: PlacementKind[] = ['server', 'virtualhost'];
const AUTHZ_GROUP: PlacementKind[] = ['directory', 'files', 'location', 'if', 'proxy', 'limit'];

/**
 * Where each section may be opened, verified one placement at a time with
 * apache2 -t 2.4.71 (the oracle tests check these again). The directive data
 * has no section contexts: probing a section needs a valid body.
 */
const SECTION_PLACEMENTS: Record<string, PlacementKind[]> = {
  virtualhost: ['server'],
  directory: OUTSIDE_PER_DIR,
  directorymatch: OUTSIDE_PER_DIR,
  location: OUTSIDE_PER_DIR,
  locationmatch: OUTSIDE_PER_DIR,
  proxy: OUTSIDE_PER_DIR,
  proxymatch: OUTSIDE_PER_DIR,
  mdomainset: OUTSIDE_PER_DIR,
  mdomain: OUTSIDE_PER_DIR,
  files: ['server', 'virtualhost', 'directory', 'files', 'if', 'proxy'],
  filesmatch: ['server', 'virtualhost', 'directory', 'files', 'if', 'proxy'],
  if: ALL.filter((kind) => kind !== 'limit'),
  elseif: ALL.filter((kind) => kind !== 'limit'),
  else: ALL.filter((kind) => kind !== 'limit'),
  limit: ['directory', 'files', 'location', 'if', 'proxy'],
  limitexcept: ['directory', 'files', 'location', 'if', 'proxy'],
  requireall: AUTHZ_GROUP,
  requireany: AUTHZ_GROUP,
  requirenone: AUTHZ_GROUP,
  authnprovideralias: ['server'],
  authzprovideralias: ['server'],
};

/** Where a section may be opened; undefined for sections allowed anywhere (conditionals, <Macro>). */
export function sectionPlacements(name: string): Record<PlacementKind, boolean> | undefined {
  const allowed = SECTION_PLACEMENTS[name.toLowerCase()];
  if (!allowed) return undefined;
  return Object.fromEntries(ALL.map((kind) => [kind, allowed.includes(kind)])) as Record<PlacementKind, boolean>;
}
