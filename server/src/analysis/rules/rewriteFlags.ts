// args/rewrite-flags: the flags of RewriteRule and RewriteCond, which
// mod_rewrite reads while Apache reads the configuration and refuses at the
// first one it does not take (one error per line, in Apache's words), then
// the pattern it compiles right after (rewritePattern.ts). The
// arguments are split as mod_rewrite splits them, after ${VAR} substitution;
// what follows the third argument is never read, which is worth a warning.
import type { Range } from 'vscode-languageserver-types';
import type { ConfigFile, DirectiveNode } from '../../parser/ast';
import { positionAt } from '../../parser/lineIndex';
import { fileOffsetOfEnd, fileOffsetOfStart, firstLogicalLine } from '../../parser/logicalLines';
import { rewriteArguments, type RewriteArguments } from '../../parser/rewriteArguments';
import { readWord, skipSpaces } from '../../parser/words';
import type { FileScope } from '../fileScope';
import { liveDirectivesMaybeNamed } from '../liveNodes';
import { directiveReportRange } from '../reportRange';
import { flagsRefusal, isRuleFlag, type FlagRefusal, type RewriteDirective } from '../rewriteFlagReader';
import { rewritePattern } from '../rewritePattern';
import { regexSyntaxProblem } from '../../parser/expr/regexSyntax';
import type { Rule } from '../types';

const NAMES = new Map<string, RewriteDirective>([
  ['rewriterule', 'RewriteRule'],
  ['rewritecond', 'RewriteCond'],
]);
const LOWER_CASE_NAMES = [...NAMES.keys()];

export const rewriteFlags: Rule = {
  id: 'args/rewrite-flags',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_rewrite.html#rewriterule',
  summary: 'A `RewriteRule` or `RewriteCond` flag Apache refuses (`[L,FOO]`, `[R=999]`, `[BNE]`, flags without their `[ ]`), a line without its second argument, a pattern that does not compile, or words after the flags, which Apache ignores.',
  check({ file, scope, report }) {
    // Without mod_rewrite the line is an unknown directive, and its flags are never read.
    if (scope.model.modulesKnown && !scope.model.loadedModules.has('rewrite_module')) return;
    for (const node of liveDirectivesMaybeNamed(file, scope, LOWER_CASE_NAMES)) {
      const line = readLine(file, node, scope);
      if (!line) continue;
      const { directive, read, text, rangeOf } = line;
      if (!read.complete) {
        const apache = `${directive}: bad argument line '${text.slice(readWord(text, skipSpaces(text, 0)).end).trim()}'`;
        report({
          range: directiveReportRange(node),
          message:
            `Apache refuses this line: "${apache}". ${directive} takes ${directive === 'RewriteRule' ? 'a pattern and a substitution' : 'a test string and a condition pattern'}, ` +
            'then optional flags; an argument that holds a blank needs quotes, closed on the same line.',
          data: { apacheMessage: apache },
        });
        continue;
      }
      const flags = read.words[2];
      const refusal = flags && flagsRefusal(directive, flags.value);
      if (flags && refusal) {
        report({
          range: rangeOf(flags.start, flags.end),
          message: `Apache refuses this line: "${refusal.apache}". ${advice(directive, refusal, flags.value, flags.quote === '' && read.ignored !== undefined)}`,
          data: { apacheMessage: refusal.apache },
        });
        continue;
      }
      // mod_rewrite compiles the pattern after it has read the flags.
      const pattern = rewritePattern(directive, read.words);
      const problem = pattern && regexSyntaxProblem(pattern.regex);
      if (pattern && problem) {
        const apache = `${directive}: cannot compile regular expression '${pattern.regex}'`;
        report({
          range: rangeOf(pattern.word.start, pattern.word.end),
          message: `Apache refuses this line: "${apache}". The pattern does not compile: ${problem}.`,
          data: { apacheMessage: apache },
        });
        continue;
      }
      if (!flags || !read.ignored) continue;
      const ignored = text.slice(read.ignored.start, read.ignored.end);
      // A `#` there is syntax/trailing-comment's to report.
      if (ignored.startsWith('#')) continue;
      report({
        range: rangeOf(read.ignored.start, read.ignored.end),
        severity: 'warning',
        message:
          `${directive} takes three arguments and Apache ignores the rest without a word: "${ignored}" is never read.` +
          (ignored.startsWith('[') ? ' Put all the flags in one pair of brackets, such as [R=301,L].' : ''),
      });
    }
  },
};

interface Line {
  directive: RewriteDirective;
  /** The logical line, or for a line with ${VAR} the substituted line. */
  text: string;
  read: RewriteArguments;
  /** The document range of `[start, end)` in `text`. */
  rangeOf(start: number, end: number): Range;
}

/**
 * The line's arguments as mod_rewrite splits them. A line with ${VAR} is read
 * as substituted and its findings go on the directive; where the tree's Defines
 * are unknown (a file checked on its own), such a line is not judged.
 */
function readLine(file: ConfigFile, node: DirectiveNode, scope: FileScope): Line | undefined {
  const resolved = scope.resolved.get(node);
  const directive = NAMES.get((resolved?.name ?? node.name).toLowerCase());
  if (!directive) return undefined;
  const whole = directiveReportRange(node);
  if (resolved) {
    if (!scope.model.definesKnown && resolved.text.includes('${')) return undefined;
    return { directive, ...argumentsOf(resolved.text), rangeOf: () => whole };
  }
  const at = firstLogicalLine(file.text, node.start, node.end);
  if (!at) return undefined;
  const position = (offset: number) => positionAt(file.lineStarts, node.start + offset);
  return {
    directive,
    ...argumentsOf(at.text),
    // Apache blames the last physical line of a continued directive: the range reaches it.
    rangeOf: (start, end) => {
      const to = position(fileOffsetOfEnd(at, end));
      return { start: position(fileOffsetOfStart(at, start)), end: whole.end.line > to.line ? whole.end : to };
    },
  };
}

function argumentsOf(text: string): Pick<Line, 'text' | 'read'> {
  return { text, read: rewriteArguments(text, readWord(text, skipSpaces(text, 0)).end) };
}

const RULE_FLAGS =
  'B, BCTLS, BNE=…, BNP, C, CO=…, DPI, E=…, END, F, G, H=…, L, N, NC, NE, NS, P, PT, QSA, QSD, QSL, R, S=…, T=…, UNC, UnsafeAllow3F and UnsafePrefixStat';
const CONDITION_FLAGS = 'NC (nocase), OR (ornext) and NV (novary)';

/** What to do about it, in our words. `cutAtBlank`: the flags argument was ended by a blank and more text follows. */
function advice(directive: RewriteDirective, refusal: FlagRefusal, field: string, cutAtBlank: boolean): string {
  const key = refusal.key ?? '';
  switch (refusal.kind) {
    case 'delimiters':
      if (field.startsWith('#')) return "Apache has no end-of-line comments: the '#' is read as the flags argument. Move the comment to its own line.";
      if (field.startsWith('[') && cutAtBlank) return 'The flags end at the first blank: write them without blanks, such as [L,R=301], or quote the whole argument.';
      if (field.startsWith('[')) return "The flags lack their closing ']'.";
      return `The third argument of ${directive} must be its flags in square brackets, such as [NC]; a ${directive === 'RewriteRule' ? 'pattern or substitution' : 'test string or pattern'} with a blank in it needs quotes.`;
    case 'status':
      return 'R= takes permanent, temp, seeother or a status code Apache knows: a redirect (300 to 305, 307, 308), or another code such as 403 or 410, which answers with that status and drops the substitution.';
    case 'bne':
      return 'Give the characters that [B] or [BCTLS] should leave as they are, such as [B,BNE=/].';
    case 'unknown':
      if (key === '') return 'A flag is empty: look for a comma too many, or brackets with nothing inside.';
      if (key.includes(',')) return 'A blank before a comma inside quoted flags confuses mod_rewrite; write the flags without blanks.';
      if (/\s$/.test(key)) return "The blank before '=' is kept in the flag's name: write the flag without blanks.";
      if (directive === 'RewriteCond') {
        return isRuleFlag(key)
          ? `'${key}' is a RewriteRule flag: put it on the RewriteRule this condition belongs to. RewriteCond takes only ${CONDITION_FLAGS}.`
          : `RewriteCond takes only ${CONDITION_FLAGS}, in any case.`;
      }
      if (/^backrefnoplus$/i.test(key)) return 'The manual names BNP backrefnoplus, but mod_rewrite knows it only as BNP or backrefernoplus.';
      if (/^(OR|ornext|NV|novary)$/i.test(key)) return `'${key}' is a RewriteCond flag.`;
      return `RewriteRule takes ${RULE_FLAGS}, in any case (most have a long name too, such as last or redirect=301).`;
  }
}
