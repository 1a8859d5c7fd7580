// RewriteRule and RewriteCond flags through the real `apache2 -t`: for every
// line, when args/rewrite-flags reports an error Apache must refuse the line
// with exactly the message we quote; when it reports none, Apache must accept
// it. The fixture oracle (structure.test.ts) covers test/fixtures/rewrite;
// this file covers many more lines, among them R= with the status codes
// around those Apache knows. (Apache's error log writes a backslash or a byte
// above 127 escaped, so the lines here have neither.)
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { Prober } from '../../scripts/knowledge/prober';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { requireApache } from '../support/apacheOracle';

const ACCEPTED = [
  'RewriteRule ^/a /b [L]',
  'RewriteRule ^/a /b [last]',
  'RewriteRule ^/a /b [LAST,l]',
  'RewriteRule ^/a /b [R=301,L,QSA,NE,NC,PT,NS,QSD,QSL,F,G,P]',
  'RewriteRule ^/a /b [qsappend,qsdiscard,qslast,noescape,nosubreq,nocase,passthrough,proxy,forbidden,gone,chain,last,next,skip=1]',
  'RewriteRule ^/a /b [redirect=permanent]',
  'RewriteRule ^/a /b [R=Temp]',
  'RewriteRule ^/a /b [R=seeother]',
  'RewriteRule ^/a /b [R=abc]',
  'RewriteRule ^/a /b [R=]',
  'RewriteRule ^/a /b [R]',
  'RewriteRule ^/a /b [R=301x]',
  'RewriteRule ^/a /b [R=0301]',
  'RewriteRule ^/a /b [R=-301]',
  'RewriteRule ^/a /b [R=4294967597]',
  'RewriteRule ^/a /b [R=301=2]',
  'RewriteRule ^/a /b [R=200]',
  'RewriteRule ^/a - [R=404]',
  'RewriteRule ^/a /b [B,B=?&,BNP,backrefernoplus,BCTLS,BNE=/,backrefescaping]',
  'RewriteRule ^/a /b [bne=/,bctls,bnp]',
  'RewriteRule ^/a /b [D,DPI,discardpath,Dfoo,DPI=x]',
  'RewriteRule ^/a /b [E=VAR:val,E,E=,env=!VAR,END,end]',
  'RewriteRule ^/a /b [CO=a,CO,CO=a:b:c:d:e:f:g:h:i,cookie=a:b,co=x:y]',
  'RewriteRule ^/a /b [T,T=text/plain,type=x,H,H=foo,handler=foo]',
  'RewriteRule ^/a /b [S=abc,S,S=-1,skip=2,N=abc,N=32000,N,next]',
  'RewriteRule ^/a /b [UnsafeAllow3F,unsafeallow3f,UnsafePrefixStat,UNC,unc]',
  'RewriteRule ^/a /b [L=1,NC=x,P=1,PT]',
  'RewriteRule ^/a /b "[L, R]"',
  'RewriteRule ^/a /b "[ L , R ]"',
  'RewriteRule ^/a /b "[\tL]"',
  "RewriteRule ^/a /b '[L,NC]'",
  'RewriteRule "^/a b" "/b c" "[L,QSA]"',
  'RewriteRule ^/a /b [L] extra',
  'RewriteRule ^/a /b [L] [FOO]',
  'RewriteRule ^/a /b',
  'RewriteCond %{HTTP_HOST} ^a [NC]',
  'RewriteCond %{HTTP_HOST} ^a [nocase,ornext,novary,nc,or,nv,NC,OR,NV]',
  'RewriteCond %{HTTP_HOST} ^a [NC=1]',
  'RewriteCond %{HTTP_HOST} ^a [NC] extra',
  'RewriteCond %{HTTP_HOST} "^a b" "[NC, OR]"',
];

const REFUSED = [
  // Too few arguments, or a quote left open: "bad argument line".
  'RewriteRule ^/a',
  'RewriteRule    ^/a   ',
  'RewriteRule "^/a /b [L]',
  'RewriteCond %{HTTP_HOST}',
  'RewriteRule ^/a /b [L,FOO]',
  'RewriteRule ^/a /b [FOO=bar]',
  'RewriteRule ^/a /b [Q]',
  'RewriteRule ^/a /b [U]',
  'RewriteRule ^/a /b [Unsafe]',
  'RewriteRule ^/a /b [BX]',
  'RewriteRule ^/a /b [CX]',
  'RewriteRule ^/a /b [ENDX]',
  'RewriteRule ^/a /b [NEx]',
  'RewriteRule ^/a /b [OR]',
  'RewriteRule ^/a /b [backrefnoplus]',
  'RewriteRule ^/a /b [R=999]',
  'RewriteRule ^/a /b [redirect=999]',
  'RewriteRule ^/a /b [R=4294967296]',
  'RewriteRule ^/a /b [R=9223372036854775807]',
  'RewriteRule ^/a /b [R=18446744073709551917]',
  'RewriteRule ^/a /b [R=temp,R=999]',
  'RewriteRule ^/a /b [R=999,FOO]',
  'RewriteRule ^/a /b [L,FOO,R=999]',
  'RewriteRule ^/a /b "[L,R=30 1]"',
  'RewriteRule ^/a /b [BNE]',
  'RewriteRule ^/a /b [BNE=]',
  'RewriteRule ^/a /b [B,BNE=,L]',
  'RewriteRule ^/a /b [bne]',
  'RewriteRule ^/a /b [L',
  'RewriteRule ^/a /b [L,FOO',
  'RewriteRule ^/a /b L]',
  'RewriteRule ^/a /b L',
  'RewriteRule ^/a /b [L]x',
  'RewriteRule ^/a /b [L, R]',
  'RewriteRule ^/a /b [R =999]',
  'RewriteRule ^/a /b [R= 301]',
  'RewriteRule ^/a /b # comment',
  'RewriteRule ^/a /b ""',
  'RewriteRule "^/a b"/x /b [FOO]',
  'RewriteRule ^/a /b c [L]',
  'RewriteRule ^/a /b []',
  'RewriteRule ^/a /b [,]',
  'RewriteRule ^/a /b [L,,R]',
  'RewriteRule ^/a /b [L,]',
  'RewriteRule ^/a /b [,L]',
  'RewriteRule ^/a /b [=x]',
  'RewriteRule ^/a /b [L]]',
  'RewriteRule ^/a /b [[L]',
  'RewriteRule ^/a /b "[ L , FOO ]"',
  'RewriteRule ^/a /b "[ L , F OO ]"',
  'RewriteRule ^/a /b "[ R = 999 ]"',
  'RewriteRule ^/a /b "[ ]"',
  'RewriteRule ^/a /b "[L, ]"',
  'RewriteRule ^/a /b "[L, ,R=301]"',
  "RewriteRule ^/a /b '[L,FOO]'",
  'RewriteRule ^/a /b [FOO] [L]',
  'RewriteRule ^( /b [FOO]',
  'RewriteCond %{HTTP_HOST} ^a [FOO]',
  'RewriteCond %{HTTP_HOST} ^a [NC,L]',
  'RewriteCond %{HTTP_HOST} ^a [D]',
  'RewriteCond %{HTTP_HOST} ^a [FOO=bar]',
  'RewriteCond %{HTTP_HOST} ^a [NC',
  'RewriteCond %{HTTP_HOST} ^a NC',
  'RewriteCond %{HTTP_HOST} ^a []',
  'RewriteCond %{HTTP_HOST} ^a [NC,]',
  'RewriteCond %{HTTP_HOST} ^( [FOO]',
];

/** Through R=, every code of each class up to a few past the last one Apache knows, and a few below 100 and from 600. */
const STATUSES = [[95, 104], [195, 230], [295, 310], [395, 455], [495, 515], [595, 605]].flatMap(([from, to]) =>
  Array.from({ length: to - from + 1 }, (_, i) => `RewriteRule ^/a /b [R=${from + i}]`),
);

const prober = new Prober();
after(() => prober.close());

/** Apache's message for our error on the line, or undefined when we report none. */
function ourRefusal(line: string): string | undefined {
  const errors = analyzeFile(parseConfig(`${line}\n`)).filter((d) => d.code === 'args/rewrite-flags' && d.severity === DiagnosticSeverity.Error);
  return (errors[0]?.data as { apacheMessage: string } | undefined)?.apacheMessage;
}

test('apache2 -t agrees with args/rewrite-flags on every line, message for message', async () => {
  requireApache();
  const lines = [...ACCEPTED, ...REFUSED, ...STATUSES];
  const verdicts = await prober.testMany('event', lines.map((line, index) => ({ id: String(index), lines: [line] })));
  const problems: string[] = [];
  let refusedStatuses = 0;
  lines.forEach((line, index) => {
    const ours = ourRefusal(line);
    const apache = verdicts.get(String(index));
    if (ACCEPTED.includes(line) && ours !== undefined) problems.push(`${line}: expected no error from us, we say "${ours}"`);
    if (REFUSED.includes(line) && ours === undefined) problems.push(`${line}: expected an error from us`);
    if (!apache) problems.push(`${line}: no verdict from Apache`);
    else if (ours === undefined && !apache.ok) problems.push(`${line}: we accept it, Apache says ${apache.message}`);
    else if (ours !== undefined && apache.ok) problems.push(`${line}: we say "${ours}", Apache accepts it`);
    else if (ours !== undefined && apache.message !== ours) problems.push(`${line}:\n    we:     ${ours}\n    Apache: ${apache.message}`);
    if (STATUSES.includes(line) && ours !== undefined) refusedStatuses++;
  });
  assert.deepEqual(problems, []);
  // Both verdicts occur among the codes, so the sweep tests the table rather than one answer.
  assert.ok(refusedStatuses > 0 && refusedStatuses < STATUSES.length);
  console.log(`apache2 -t agreed on ${lines.length} lines (${ACCEPTED.length} accepted, ${REFUSED.length} refused, ${STATUSES.length} R= codes of which ${refusedStatuses} refused) in ${prober.runs} runs`);
});
