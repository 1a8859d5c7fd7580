// MultiviewsMatch sets flags in its section's record, one word at a time
// (mod_mime's multiviews_match): Any and NegotiatedOnly each stand alone;
// Filters and Handlers go together but not with either of those. A word that
// clashes with a flag set earlier, on the line or on an earlier line of the
// same section, is refused (verified on 2.4.71).
import type { EarlierLines } from '../sameRecordLines';
import type { Finding } from '../types';
import type { Word } from './words';

const ANY = 1;
const NEGOTIATED_ONLY = 2;
const FILTERS = 4;
const HANDLERS = 8;

const FLAGS: Readonly<Record<string, { flag: number; clashesWith: number; apache: string; alone: string }>> = {
  any: { flag: ANY, clashesWith: NEGOTIATED_ONLY | FILTERS | HANDLERS, apache: 'Any is incompatible with NegotiatedOnly, Filters and Handlers', alone: 'Any stands alone' },
  negotiatedonly: {
    flag: NEGOTIATED_ONLY,
    clashesWith: ANY | FILTERS | HANDLERS,
    apache: 'NegotiatedOnly is incompatible with Any, Filters and Handlers',
    alone: 'NegotiatedOnly stands alone',
  },
  filters: { flag: FILTERS, clashesWith: ANY | NEGOTIATED_ONLY, apache: 'Filters is incompatible with Any and NegotiatedOnly', alone: 'Filters goes with Handlers only' },
  handlers: { flag: HANDLERS, clashesWith: ANY | NEGOTIATED_ONLY, apache: 'Handlers is incompatible with Any and NegotiatedOnly', alone: 'Handlers goes with Filters only' },
};

/**
 * The line's clash, judged with the flags each reading of it finds set by the
 * earlier lines of its section. Flags only add up, so where those lines are
 * not known the line is judged on its own words, which clash whatever came before.
 */
export function multiviewsMatchFindings(words: readonly Word[], readings: readonly EarlierLines[] | undefined): Finding[] {
  const states = new Set(readings && readings.length > 0 ? readings.map(flagsAfter) : [0]);
  const findings = new Map<Word, Finding>();
  for (const state of states) {
    const finding = clashWith(words, state);
    if (finding) findings.set(finding.word, finding.finding);
  }
  return [...findings.values()];
}

function clashWith(words: readonly Word[], before: number): { word: Word; finding: Finding } | undefined {
  let flags = before;
  for (const word of words) {
    const known = FLAGS[word.value.toLowerCase()];
    // An unknown word is refused as such (the keyword check says so), and ends the line.
    if (!known) return undefined;
    if (flags & known.clashesWith) {
      const where = flags & before & known.clashesWith ? 'an earlier MultiviewsMatch line of this section' : 'this line';
      const message = `'${word.value}' clashes with what ${where} set: ${known.alone}. Apache refuses to start with "${known.apache}".`;
      return { word, finding: { range: word.range, message, data: { apacheMessage: known.apache } } };
    }
    flags |= known.flag;
  }
  return undefined;
}

/** The flags the earlier lines set; 0 where they are not known (a ${VAR} left as written counts as no flag). */
function flagsAfter({ lines }: EarlierLines): number {
  let flags = 0;
  for (const line of lines) {
    for (const word of line.args) {
      // ITERATE stops at an empty word; Apache stops at an unknown one.
      const known = FLAGS[word.toLowerCase()];
      if (!known) break;
      flags |= known.flag;
    }
  }
  return flags;
}
