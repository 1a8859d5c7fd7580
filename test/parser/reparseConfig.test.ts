// reparseConfig must give exactly the tree parseConfig gives for the new text:
// every node, position, offset, argument, parent link and problem. Random edit
// sequences, in section bodies and between top-level nodes, are applied to the
// fixtures and to a file of many virtual hosts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Argument, CloseTag, ConfigFile, Node, OpenTag, ParseProblem, Parent } from '../../server/src/parser/ast';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { reparseConfig } from '../../server/src/parser/reparseConfig';
import { listFixtures } from '../support/fixtures';
import { manyHosts } from '../support/manyHosts';

const at = (range: { startLine: number; startCharacter: number; endLine: number; endCharacter: number }) => [range.startLine, range.startCharacter, range.endLine, range.endCharacter];
const named = (range: OpenTag | CloseTag) => [...at(range), range.nameEndLine, range.nameEndCharacter, range.start, range.end, range.hasClosingBracket];
const argument = (arg: Argument) => [...at(arg), arg.raw, arg.value, arg.quote, arg.closed];

/** Everything a node holds, with its parent checked by identity. */
function dump(file: ConfigFile): unknown {
  const out: unknown[] = [];
  const pending: { node: Node; parent: Parent }[] = file.children.map((node) => ({ node, parent: file })).reverse();
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, parent } = next;
    assert.equal(node.parent, parent, `the parent of the ${node.kind} at line ${node.startLine}`);
    const base = [node.kind, node.start, node.end, ...at(node)];
    if (node.kind === 'directive') out.push([...base, node.name, node.nameRange, node.continuedLines, node.args.map(argument)]);
    else if (node.kind === 'comment') out.push([...base, node.text, node.continuedLines]);
    else if (node.kind === 'strayClose') out.push([...base, named(node.tag), node.tag.name]);
    else if (node.kind === 'section') {
      out.push([...base, node.name, node.args.map(argument), named(node.open), node.open.continuedLines, node.close ? [...named(node.close), node.close.name] : null, node.children.length]);
      for (let i = node.children.length - 1; i >= 0; i--) pending.push({ node: node.children[i], parent: node });
    } else out.push(base);
  }
  return out;
}

function problems(file: ConfigFile): unknown {
  return file.problems.map((problem: ParseProblem) => [problem.kind, 'section' in problem ? problem.section.start : problem.tag.start]);
}

/** An edit as an editor makes it: a few characters typed, deleted or replaced, often inside a section body. */
const edit = fc.record({
  where: fc.nat({ max: 1_000_000 }),
  removed: fc.nat({ max: 4 }),
  inserted: fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom('x', '2', ' ', '"', '\\', '\n', '\\\n', '\r\n', '\n\n', '#', '>', '<', '</VirtualHost>', '\n</Location>\n', '<If true>\n', '${A}', 'SSLEngine off'),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 2, arbitrary: fc.constant('') },
  ),
});

function applyEdit(text: string, { where, removed, inserted }: { where: number; removed: number; inserted: string }): string {
  const offset = where % (text.length + 1);
  return text.slice(0, offset) + inserted + text.slice(offset + removed);
}

test('reparseConfig gives the tree and problems parseConfig gives, for random edit sequences', () => {
  const texts = [...listFixtures().map((fixture) => fixture.text), manyHosts(40)];
  assert.ok(texts.length > 20, 'the fixtures are found');
  let reused = 0;
  let edits = 0;
  fc.assert(
    fc.property(fc.nat({ max: texts.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), fc.boolean(), (which, sequence, readFirst) => {
      let text = texts[which];
      let file = parseConfig(text);
      // A directive's arguments are built when first read: the kept nodes must come out right whether they were read before the edit (and are moved) or not (and are built from the new text).
      if (readFirst) dump(file);
      for (const step of sequence) {
        text = applyEdit(text, step);
        const before = new Set(file.children);
        file = reparseConfig(file, text);
        edits++;
        if (file.children.some((node) => before.has(node))) reused++;
        const expected = parseConfig(text);
        assert.equal(file.text, text);
        assert.deepEqual(file.lineStarts, expected.lineStarts);
        assert.deepEqual(dump(file), dump(expected));
        assert.deepEqual(problems(file), problems(expected));
      }
    }),
    { numRuns: 1500 },
  );
  // About a quarter of random edits land in a section body and keep the other nodes; the reuse must really be exercised.
  assert.ok(reused > edits / 5, `${reused} of ${edits} edits kept the unchanged nodes`);
});

/** For each top-level node of the new parse: how many lines it moved when it was kept from `file`, else its kind (parsed again). */
function keptOrParsed(file: ConfigFile, text: string): { reparsed: ConfigFile; nodes: (number | string)[]; before: Node[] } {
  const before = file.children.slice();
  const lines = new Map(before.map((node) => [node, node.startLine]));
  const reparsed = reparseConfig(file, text);
  return { reparsed, before, nodes: reparsed.children.map((node) => (lines.has(node) ? node.startLine - (lines.get(node) ?? 0) : node.kind)) };
}

test('reparseConfig parses only the edited section and moves the lines after it when an edit adds a line', () => {
  const text = manyHosts(4);
  const file = parseConfig(text);
  const edited = file.children.indexOf(file.children.filter((node) => node.kind === 'section')[2]);
  const offset = text.indexOf('SSLVerifyDepth 2', file.children[edited].start);
  const { reparsed, before, nodes } = keptOrParsed(file, `${text.slice(0, offset)}SSLVerifyClient require\n    ${text.slice(offset)}`);
  assert.deepEqual(
    nodes,
    before.map((_, i) => (i < edited ? 0 : i === edited ? 'section' : 1)),
    'the nodes before the edited host are kept, those after it are kept one line down',
  );
  assert.deepEqual(dump(reparsed), dump(parseConfig(reparsed.text)));
});

test('reparseConfig parses only the top-level lines an edit touches between sections, and the nodes after them move', () => {
  const text = manyHosts(4);
  const file = parseConfig(text);
  const second = file.children.indexOf(file.children.filter((node) => node.kind === 'section')[1]);
  // An empty line and a comment typed just before the second host.
  const at = file.children[second].start;
  const { reparsed, before, nodes } = keptOrParsed(file, `${text.slice(0, at)}\n# moved\n${text.slice(at)}`);
  assert.deepEqual(
    nodes,
    [...before.slice(0, second).map(() => 0), 'blank', 'comment', ...before.slice(second).map(() => 2)],
    'the nodes before are kept, two new ones parsed, those after kept two lines down',
  );
  assert.deepEqual(dump(reparsed), dump(parseConfig(reparsed.text)));
});

test('reparseConfig parses the whole file when the edited lines leave a section open or run on into the next node', () => {
  const text = manyHosts(3);
  for (const edited of [
    // Typed in the close tag: the section no longer closes where it did.
    text.replace('</VirtualHost>', '</VxirtualHost>'),
    // A new open tag between hosts takes in the rest of the file.
    text.replace('</VirtualHost>\n', '</VirtualHost>\n<IfModule ssl_module>\n'),
    // A backslash at the end of a top-level line joins the next host's open tag to it.
    text.replace('</VirtualHost>\n', '</VirtualHost>\n# note \\\n'),
  ]) {
    const file = parseConfig(text);
    const nodes = new Set(file.children);
    const reparsed = reparseConfig(file, edited);
    assert.ok(reparsed.children.every((node) => !nodes.has(node)), 'no node is kept');
    assert.deepEqual(dump(reparsed), dump(parseConfig(edited)));
  }
});

test('reparseConfig parses the last node again when text is added after it at the end of the file', () => {
  for (const [text, added] of [
    ['SSLEngine on', 'x'],
    ['SSLEngine on\\', '\nSSLProtocol all'],
    ['<VirtualHost *:443>\n</VirtualHost>', ' trailing'],
  ]) {
    const file = parseConfig(text);
    const reparsed = reparseConfig(file, text + added);
    assert.deepEqual(dump(reparsed), dump(parseConfig(text + added)), JSON.stringify(text + added));
  }
});
