// The effective configuration as a read-only document in Apache syntax: a
// header saying where and what was merged, then each level's directives in
// merge order. Apache has no end-of-line comments, so a directive's origin is
// a comment line of its own below it, and a directive that is not in force is
// commented out whole.
import type { EffectiveConfiguration, EffectiveDirective, EffectiveLevel, EffectiveSection, Origin } from '../config/effectiveConfiguration';

const INDENT = '    ';

/** `relativeTo`: the folder paths are shown relative to (usually the ServerRoot). */
export function effectiveConfigurationText(effective: EffectiveConfiguration, relativeTo: string): string {
  const where = (origin: Origin) => `${shortPath(origin.path, relativeTo)}:${origin.range.start.line + 1}`;
  const lines = [`# Effective configuration at ${shortPath(effective.path, relativeTo)}:${effective.position.line + 1} (read-only)`];
  if (effective.skippedSection) {
    const skipped = effective.skippedSection;
    lines.push(`# This line is inside ${tag(skipped)} (${where(skipped.origin)}), which Apache skips: nothing below reaches it.`);
  }
  if (!effective.inTree) {
    lines.push(`# Apache reads no live line of this file when it starts from ${shortPath(effective.mainPath, relativeTo)}, so nothing is in force here.`);
    return `${lines.join('\n')}\n`;
  }
  const vhost = effective.virtualHost;
  lines.push(`# Virtual host: ${vhost ? `${tag(vhost)} (${where(vhost.origin)})` : 'none, the server config applies'}`);
  lines.push('# Merged in this order, a later value replacing an earlier one:');
  effective.levels.forEach((level, index) => lines.push(`#   ${index + 1}. ${levelTitle(level, where)}`));
  lines.push("# Each line's origin is the comment below it; lines not in force are commented out.");
  for (const level of effective.levels) {
    lines.push('', `# from ${levelTitle(level, where)}`);
    if (level.directives.length === 0) lines.push('# (no directives of its own)');
    renderDirectives(level.directives, where, lines);
  }
  return `${lines.join('\n')}\n`;
}

function levelTitle(level: EffectiveLevel, where: (origin: Origin) => string): string {
  if (!level.section) return 'the server config';
  return `${tag(level.section)} (${where(level.section.origin)})${level.applies === 'byPrefix' ? ', applies by prefix' : ''}`;
}

/** Written with a stack, so deeply nested <RequireAll> cannot overflow the call stack. */
function renderDirectives(entries: readonly EffectiveDirective[], where: (origin: Origin) => string, lines: string[]): void {
  type Step = { entry: EffectiveDirective; depth: number; commented: boolean } | { close: string; depth: number; commented: boolean };
  const pending: Step[] = [...entries].reverse().map((entry) => ({ entry, depth: 0, commented: false }));
  while (pending.length > 0) {
    const step = pending.pop() as Step;
    const indent = INDENT.repeat(step.depth);
    if ('close' in step) {
      lines.push(`${step.commented ? '# ' : ''}${indent}</${step.close}>`);
      continue;
    }
    const { entry, depth } = step;
    const text = entry.children ? tag(entry) : [entry.name, ...entry.args].map(quoteWord).join(' ');
    const notInForce = step.commented ? undefined : whyNotInForce(entry, where);
    if (step.commented) lines.push(`# ${indent}${text}`);
    else if (notInForce) lines.push(`# ${notInForce.label}: ${text}   (${where(entry.origin)}; ${notInForce.detail})`);
    else lines.push(`${indent}${text}`, `${indent}#   ${where(entry.origin)}`);
    if (!entry.children) continue;
    const commented = step.commented || notInForce !== undefined;
    pending.push({ close: entry.name, depth, commented });
    for (let i = entry.children.length - 1; i >= 0; i--) pending.push({ entry: entry.children[i], depth: depth + 1, commented });
  }
}

function whyNotInForce(entry: EffectiveDirective, where: (origin: Origin) => string): { label: string; detail: string } | undefined {
  if (entry.notInherited) return { label: 'not inherited', detail: entry.notInherited };
  if (entry.overriddenBy) return { label: 'overridden', detail: `replaced at ${where(entry.overriddenBy)}` };
  return undefined;
}

function tag(section: Pick<EffectiveSection, 'name' | 'args'>): string {
  return `<${[section.name, ...section.args.map(quoteWord)].join(' ')}>`;
}

/**
 * A word as Apache reads it back: quoted when it is empty, holds a blank,
 * starts with a quote, or ends in a backslash (which would join the next
 * line); inside quotes only \\ and \" are escapes.
 */
function quoteWord(word: string): string {
  if (word !== '' && !/\s/.test(word) && !/^["']/.test(word) && !word.endsWith('\\')) return word;
  return `"${word.replace(/\\(?=[\\"]|$)/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function shortPath(path: string, folder: string): string {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
