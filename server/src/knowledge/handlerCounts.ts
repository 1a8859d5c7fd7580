// Argument counts that a directive's own handler checks, with its own words:
// these directives are TAKE_ARGV (or RAW_ARGS), so invoke_cmd checks no count
// and the generated arity says only "handler-parsed". Verified on 2.4.71.

export interface HandlerCount {
  min: number;
  max: number;
  /** The handler's message, as apache2 -t prints it. */
  refusal: string;
}

/** By lower-case directive name. */
export const HANDLER_COUNTS: ReadonlyMap<string, HandlerCount> = new Map([
  // listen.c ap_set_listener: `Listen 8080 http extra` (and 2.5's options= word) is refused.
  ['listen', { min: 1, max: 2, refusal: 'Listen requires 1 or 2 arguments.' }],
]);

/**
 * How many words a TAKE_ARGV handler receives: invoke_cmd's loop stops at an
 * empty word only when nothing follows it, so a last "" is not counted and an
 * earlier one is (`Listen 8080 http ""` has 2, `Listen 8080 "" http` has 3).
 */
export function argvCount(words: readonly string[]): number {
  return words.length > 0 && words[words.length - 1] === '' ? words.length - 1 : words.length;
}

/** A word a RAW_ARGS handler reads on its own (ap_getword_conf) and refuses the line without, an empty "" included. */
export interface RequiredWord {
  /** What the word is, for our message. */
  what: string;
  /** The handler's message up to the directive's name, which Apache appends. */
  refusal: string;
  /** Read after the pattern or expression before it is compiled: a line that fails there is refused for that first. */
  afterPattern?: boolean;
  /** Read with ap_getword_conf2, which takes `{…}` as one word: `{}` is empty too. */
  braces?: boolean;
}

const SETENVIF_WORDS: readonly RequiredWord[] = [
  { what: 'the attribute it tests (a request header, Remote_Addr, Request_URI …)', refusal: 'Missing header-field name for' },
  { what: 'a regular expression', refusal: 'Missing regular expression for' },
  { what: 'at least one variable to set', refusal: 'Missing envariable expression for', afterPattern: true },
];

/**
 * mod_setenvif's and mod_proxy_hcheck's handlers, by lower-case name: the words each reads, in order
 * (verified on 2.4.71). A word after ProxyHCExpr's condition is refused too; expressionsInFile reads it.
 */
export const HANDLER_WORDS: ReadonlyMap<string, readonly RequiredWord[]> = new Map([
  ['setenvif', SETENVIF_WORDS],
  ['setenvifnocase', SETENVIF_WORDS],
  ['browsermatch', SETENVIF_WORDS.slice(1)],
  ['browsermatchnocase', SETENVIF_WORDS.slice(1)],
  ['setenvifexpr', [{ what: 'an expression', refusal: 'Missing expression for' }, SETENVIF_WORDS[2]]],
  [
    'proxyhcexpr',
    [
      { what: 'a name for the condition', refusal: 'Missing expression name for' },
      { what: 'the condition', refusal: 'Missing expression for', braces: true },
    ],
  ],
]);
