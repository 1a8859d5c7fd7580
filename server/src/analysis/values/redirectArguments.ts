// Redirect, RedirectMatch, RedirectPermanent and RedirectTemp, as mod_alias's
// add_redirect_internal reads them (verified on 2.4.71). A first word that is
// a status keyword (permanent, temp, seeother, gone) or starts with a digit
// (read by atoi) is the status; with three words it must be one. A redirect
// status (300-399) needs a target that is a URL (scheme:…) or starts with '/'
// (RedirectMatch takes any target); any other status takes no target. Inside
// a per-directory section, `Redirect [status] target` has the section's path
// and `Redirect gone`/`Redirect 404` no target.
import type { Finding } from '../types';
import { atoi } from './cNumber';
import type { Word } from './words';

/** The status each directive gives without a status word (mod_alias's command table). */
const DEFAULT_STATUS: Record<string, number> = { redirect: 302, redirectmatch: 302, redirecttemp: 302, redirectpermanent: 301 };
const KEYWORDS: Record<string, number> = { permanent: 301, temp: 302, seeother: 303, gone: 410 };

export function redirectFindings(directive: string, words: readonly Word[], perDirectory: boolean): Finding[] {
  const name = directive.toLowerCase();
  const [first, second, third] = words;
  if (!(name in DEFAULT_STATUS) || !first) return [];
  let status = DEFAULT_STATUS[name];
  /** 1: a redirect status, -1: another status, 0: not a status word. */
  let grok: 1 | -1 | 0 = 1;
  /** How the message names the status. */
  let shown = String(status);
  const keyword = KEYWORDS[first.value.toLowerCase()];
  if (keyword !== undefined) {
    status = keyword;
    shown = `${first.value} (${status})`;
    if (status === 410) grok = -1;
  } else if (/^\d/.test(first.value)) {
    status = atoi(first.value);
    shown = String(status) === first.value ? first.value : `'${first.value}' (read as ${status})`;
    if (!isRedirect(status)) grok = -1;
  } else {
    grok = 0;
  }
  if (third && grok === 0) {
    return [
      {
        range: first.range,
        message: `With three words the first is the status, and '${first.value}' is none: Apache refuses to start with "Redirect: invalid first argument (of three)". Write permanent, temp, seeother, gone or a status number.`,
      },
    ];
  }
  // Inside a section the path is the section's: the one word left is the target, or none for a status without one.
  if (perDirectory && ((grok > 0 && second && !third) || (grok === 0 && !second) || (grok < 0 && !second))) return [];
  const target = grok === 0 ? second : third;
  const isRegex = name === 'redirectmatch';
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
