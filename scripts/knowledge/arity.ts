// How many arguments a directive takes, read from the fixed messages of
// server/config.c invoke_cmd, which checks the count before the directive's
// own handler runs (after the context check, so the probe must sit in an allowed place).

export type ArgumentKind = 'none' | 'flag' | 'take' | 'iterate' | 'raw';
export interface Arity {
  kind: ArgumentKind;
  min: number;
  max: number | null;
}

/** invoke_cmd's phrase → arity. Each args_how has its own phrase, so one probe with no arguments tells them apart. */
const PHRASES: [string, Arity][] = [
  ['takes no arguments', { kind: 'none', min: 0, max: 0 }],
  ['takes one argument', { kind: 'take', min: 1, max: 1 }],
  ['takes two arguments', { kind: 'take', min: 2, max: 2 }],
  ['takes three arguments', { kind: 'take', min: 3, max: 3 }],
  ['takes 1-2 arguments', { kind: 'take', min: 1, max: 2 }],
  ['takes two or three arguments', { kind: 'take', min: 2, max: 3 }],
  // TAKE13: one or three, never two; recorded as 1..3 (the gap cannot be expressed as min/max).
  ['takes one or three arguments', { kind: 'take', min: 1, max: 3 }],
  ['takes one, two or three arguments', { kind: 'take', min: 1, max: 3 }],
  ['requires at least one argument', { kind: 'iterate', min: 1, max: null }],
  ['requires at least two arguments', { kind: 'iterate', min: 2, max: null }],
  ['must be On or Off', { kind: 'flag', min: 1, max: 1 }],
];

/** The arity named by invoke_cmd's message for `name`, if the message is one of its fixed ones. */
export function arityFromMessage(name: string, message: string | undefined): Arity | undefined {
  if (!message) return undefined;
  for (const [phrase, arity] of PHRASES) {
    // "<Name> <phrase>" or "<Name> <phrase>, <help text>"; the name is the command table's spelling.
    if (message.toLowerCase().startsWith(`${name.toLowerCase()} ${phrase.toLowerCase()}`)) {
      const rest = message.slice(name.length + 1 + phrase.length);
      if (rest === '' || rest.startsWith(',')) return { ...arity };
    }
  }
  return undefined;
}

/**
 * Combines the probe with no arguments and the probe with nine: a fixed phrase
 * decides; otherwise the handler parses the words itself (RAW_ARGS, TAKE_ARGV)
 * and only what the probes show is recorded.
 */
export function classifyArity(
  name: string,
  none: { ok: boolean; message?: string },
  many: { ok: boolean; message?: string },
): Arity {
  const fixed = arityFromMessage(name, none.message) ?? arityFromMessage(name, many.message);
  if (fixed) return fixed;
  return { kind: 'raw', min: none.ok ? 0 : 1, max: null };
}
