// Facts about section names shared by the structural rules.
import { sectionPlacement } from '../knowledge/sectionPlacement';
import type { Node, SectionNode } from '../parser/ast';

/** Sections Apache evaluates while reading the file (EXEC_ON_READ conditionals). */
const CONDITIONAL_SECTIONS = new Set(['ifmodule', 'ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection']);

export function isConditionalSection(name: string): boolean {
  return CONDITIONAL_SECTIONS.has(name.toLowerCase());
}

/** Known sections that Apache accepts with no arguments (verified with apache2 -t 2.4.71). */
const ARGUMENTS_OPTIONAL = new Set(['proxy', 'proxymatch', 'requireall', 'requireany', 'requirenone', 'else']);
/** Known sections that refuse any argument (verified with apache2 -t 2.4.71). */
const ARGUMENTS_FORBIDDEN = new Set(['else', 'requireall', 'requireany', 'requirenone']);

/**
 * Known sections that take one path or pattern, the first four after an
 * optional `~` (verified with apache2 -t 2.4.71: "Multiple <Directory>
 * arguments not (yet) supported.", while `<Directory ~ a>` is accepted and
 * `<LocationMatch ~ a>` is not). <Proxy> reads more words as parameters.
 */
const ONE_PATH = new Map([
  ['directory', true],
  ['directorymatch', true],
  ['location', true],
  ['files', true],
  ['locationmatch', false],
  ['filesmatch', false],
  ['proxymatch', false],
]);

/** The words after the one path such a section takes, which Apache refuses; undefined for other sections. */
export function wordsAfterPath(name: string, words: readonly string[]): readonly string[] | undefined {
  const tilde = ONE_PATH.get(name.toLowerCase());
  if (tilde === undefined) return undefined;
  return words.slice(tilde && words[0] === '~' ? 2 : 1);
}

/**
 * The index of the word such a section compiles as a regex, if any: the
 * pattern of a *Match section, or the word after `~` where `~` is read
 * (<Proxy ~> is left out: mod_proxy reads its pattern past a `proxy:` it
 * does not check for).
 */
export function regexPatternIndex(name: string, words: readonly string[]): number | undefined {
  const lower = name.toLowerCase();
  const tilde = ONE_PATH.get(lower);
  if (tilde === undefined) return undefined;
  const index = tilde && words[0] === '~' ? 1 : lower.endsWith('match') ? 0 : undefined;
  return index !== undefined && index < words.length ? index : undefined;
}

export function sectionRequiresArguments(name: string): boolean {
  return !ARGUMENTS_OPTIONAL.has(name.toLowerCase());
}

export function sectionForbidsArguments(name: string): boolean {
  return ARGUMENTS_FORBIDDEN.has(name.toLowerCase());
}

/** mod_authz_core's sections, which combine Require lines. */
const REQUIRE_SECTIONS = new Set(['requireall', 'requireany', 'requirenone']);

export function isRequireSection(name: string): boolean {
  return REQUIRE_SECTIONS.has(name.toLowerCase());
}

/**
 * The innermost section around `node` whose name passes `test`: in its file,
 * then around the Include line that brought the file in (`enclosing`,
 * outermost first).
 */
export function enclosingSection(node: Node, enclosing: readonly SectionNode[], test: (name: string) => boolean): SectionNode | undefined {
  for (let at = node.parent; at.kind === 'section'; at = at.parent) if (test(at.name)) return at;
  for (let i = enclosing.length - 1; i >= 0; i--) if (test(enclosing[i].name)) return enclosing[i];
  return undefined;
}

/** Sections that give the lines in them a directory path (cmd->path), and <VirtualHost>, which takes it away. */
const PATH_PLACEMENTS = new Set(['virtualhost', 'directory', 'files', 'location', 'if', 'proxy']);

/** Whether Apache reads `node` with a directory path: in <Directory>, <Location>, <Files>, <If>, <Proxy> (or their Match forms), or in .htaccess. */
export function readWithDirectoryPath(node: Node, enclosing: readonly SectionNode[], inHtaccess: boolean): boolean {
  const section = enclosingSection(node, enclosing, (name) => PATH_PLACEMENTS.has(sectionPlacement(name) ?? ''));
  return section ? sectionPlacement(section.name) !== 'virtualhost' : inHtaccess;
}

/**
 * cmd->path for a line Apache reads in <Location>, <LocationMatch>, <Proxy> or
 * <ProxyMatch> (the innermost section that sets or drops a path): the
 * section's path word, the one after `~` in <Location ~ …>, without <Proxy>'s
 * `proxy:`. undefined where no section gives the line a path; null where
 * another one does (<Directory>, <Files>, <If>, .htaccess) or the word holds ${VAR}.
 */
export function urlSectionPath(node: Node, enclosing: readonly SectionNode[], inHtaccess: boolean): string | null | undefined {
  const section = enclosingSection(node, enclosing, (name) => PATH_PLACEMENTS.has(sectionPlacement(name) ?? ''));
  if (!section) return inHtaccess ? null : undefined;
  const placement = sectionPlacement(section.name);
  if (placement === 'virtualhost') return undefined;
  if (placement !== 'location' && placement !== 'proxy') return null;
  const [first, second] = section.words;
  const path = placement === 'location' && first === '~' ? second : first;
  if (path === undefined || path.includes('${')) return null;
  return placement === 'proxy' && /^proxy:/i.test(path) ? path.slice('proxy:'.length) : path;
}
