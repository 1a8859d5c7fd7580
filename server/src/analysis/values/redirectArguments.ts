// Redirect, RedirectMatch, RedirectPermanent and RedirectTemp, as mod_alias's
// add_redirect_internal reads them (verified on 2.4.71). A first word that is
// a status keyword (permanent, temp, seeother, gone) or starts with a digit
// (read by atoi) is the status; with three words it must be one. A redirect
// status (300-399) needs a target that is a URL (scheme:…) or starts with '/'
// (RedirectMatch takes any target, and its path must compile as a regex,
// which Apache checks first); any other status takes no target. Inside a
// per-directory section, `Redirect [status] target` has the section's path
// and a target that is a string expression, and `Redirect gone`/`Redirect
// 404` no target.
import type { Finding } from '../types';
import { atoi } from './cNumber';
import { ALIAS_REGEX_REFUSAL, regexFinding } from './regexArguments';
import type { Word } from './words';

/** The status each directive gives without a status word (mod_alias's command table). */
const DEFAULT_STATUS: Record<string, number> = { redirect: 302, redirectmatch: 302, redirecttemp: 302, redirectpermanent: 301 };
const KEYWORDS: Record<string, number> = { permanent: 301, temp: 302, seeother: 303, gone: 410 };

/** How add_redirect_internal reads a line's words. */
interface RedirectReading {
  status: number;
  /** How the message names the status. */
  shown: string;
  /** 1: a redirect status, -1: another status, 0: the first word is no status. */
  grok: 1 | -1 | 0;
}

function readStatus(name: string, first: string): RedirectReading {
  const keyword = KEYWORDS[first.toLowerCase()];
  if (keyword !== undefined) return { status: keyword, shown: `${first} (${keyword})`, grok: keyword === 410 ? -1 : 1 };
  if (/^\d/.test(first)) {
    const status = atoi(first);
    return { status, shown: String(status) === first ? first : `'${first}' (read as ${status})`, grok: isRedirect(status) ? 1 : -1 };
  }
  const status = DEFAULT_STATUS[name];
  return { status, shown: String(status), grok: 0 };
}

/**
 * Inside a per-directory section (cmd->path set), `Redirect [status] target`
 * takes its path from the section and parses the target as a string
 * expression ("Cannot parse redirect expression '…': …"): the index of that
 * word, or undefined when the line is read otherwise.
 */
export function redirectExpressionIndex(directive: string, words: readonly string[], perDirectory: boolean): number | undefined {
  const name = directive.toLowerCase();
  // Only Redirect takes a single word; the others refuse the line for its count first.
  if (!perDirectory || !(name in DEFAULT_STATUS) || words.length === 0 || words.length > 2 || (words.length === 1 && name !== 'redirect')) return undefined;
  const { grok } = readStatus(name, words[0]);
  if (grok > 0 && words.length === 2) return 1;
  if (grok === 0 && words.length === 1) return 0;
  return undefined;
}

export function redirectFindings(directive: string, words: readonly Word[], perDirectory: boolean): Finding[] {
  const name = directive.toLowerCase();
  const [first, second, third] = words;
  if (!(name in DEFAULT_STATUS) || !first) return [];
  const { status, shown, grok } = readStatus(name, first.value);
  if (third && grok === 0) {
    return [
      {
        range: first.range,
        message: `With three words the first is the status, and '${first.value}' is none: Apache refuses to start with "Redirect: invalid first argument (of three)". Write permanent, temp, seeother, gone or a status number.`,
      },
    ];
  }
  // Inside a section the path is the section's: the one word left is the target (expr/parse-error's), or none for a status without one.
  if (perDirectory && (redirectExpressionIndex(directive, words.map((word) => word.value), true) !== undefined || (grok < 0 && !second))) return [];
  const isRegex = name === 'redirectmatch';
  const path = third || grok !== 0 ? second : first;
  const pathRefused = isRegex && path ? regexFinding(path, ALIAS_REGEX_REFUSAL) : undefined;
  if (pathRefused) return [pathRefused];
  const target = grok === 0 ? second : third;
  if (isRedirect(status)) {
    if (!target) {
      return [
        {
          range: (second ?? first).range,
          message: `A redirect (status ${shown}) needs the URL to send clients to, after the path: Apache refuses to start with "URL to redirect to is missing".`,
        },
      ];
    }
    if (!isRegex && !isUrl(target.value) && !target.value.startsWith('/')) {
      return [
        {
          range: target.range,
          message: `'${target.value}' is neither a URL (https://…) nor a path starting with '/': Apache refuses to start with "Redirect to non-URL".`,
        },
      ];
    }
    return [];
  }
  if (!target) return [];
  return [
    {
      range: target.range,
      message: `Status ${shown} is not a redirect (300-399), so it takes no URL: Apache refuses to start with "Redirect URL not valid for this status". Remove '${target.value}', or give a 3xx status.`,
    },
  ];
}

function isRedirect(status: number): boolean {
  return status >= 300 && status <= 399;
}

/** ap_is_url: a scheme of letters, digits, '+', '-' or '.', then ':'. */
function isUrl(text: string): boolean {
  return /^[A-Za-z0-9+.-]+:/.test(text);
}
