// cert/chain-order: the PEM file gets its certificates in the order mod_ssl
// wants: the server certificate (the one the key belongs to, whose index the
// rule puts in `data`) first, then each certificate's issuer from the file,
// then whatever else the file held, in its old order. Only certificate
// blocks move, each into the place of another one: keys, comments and line
// endings stay where they are, and no edit carries key material.
import type { X509Certificate } from 'node:crypto';
import { posix } from 'node:path';
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { nodeFileSystem } from '../../config/fileSystem';
import { computeLineStarts, rangeOf } from '../../parser/lineIndex';
import type { QuickFix } from './types';
import { isIssuedBy, isSignedBy } from '../../analysis/certs/certificateChecks';
import { parsePemText } from '../../analysis/certs/readCertificateFile';

interface Block {
  start: number;
  end: number;
  text: string;
  x509: X509Certificate;
}

export const reorderChainFix: QuickFix = {
  code: 'cert/chain-order',
  fix(diagnostic, context): CodeAction[] {
    const data = diagnostic.data as { file?: unknown; leafIndex?: unknown } | undefined;
    if (typeof data?.file !== 'string' || typeof data.leafIndex !== 'number') return [];
    const read = (context.fs ?? nodeFileSystem).readFile(data.file);
    if (!('text' in read)) return [];
    const blocks = certificateBlocks(read.text);
    const leaf = blocks?.[data.leafIndex];
    if (!blocks || !leaf) return [];
    const order = leafFirst(blocks, leaf);
    const lineStarts = computeLineStarts(read.text);
    const edits: TextEdit[] = blocks.flatMap((slot, index) =>
      order[index] === slot ? [] : [{ range: rangeOf(lineStarts, slot.start, slot.end), newText: order[index].text }],
    );
    if (edits.length === 0) return [];
    return [
      {
        title: `Put the server certificate first in ${posix.basename(data.file)}, then its issuers`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [context.uriOf(data.file)]: edits } },
      },
    ];
  },
};

/** The certificate blocks of a PEM text, when every one of them parses. */
function certificateBlocks(text: string): Block[] | undefined {
  const contents = parsePemText(text);
  if (contents.badBlocks.length > 0) return undefined;
  return contents.certificates.map(({ block: { start, end }, x509 }) => ({ start, end, text: text.slice(start, end), x509 }));
}

/** The leaf, then its issuers as far as the file holds them, then the rest in file order. */
function leafFirst(blocks: readonly Block[], leaf: Block): Block[] {
  const order = [leaf];
  const rest = blocks.filter((block) => block !== leaf);
  for (let current = leaf; ; ) {
    const issuer = rest.find((block) => issued(current.x509, block.x509));
    if (!issuer) break;
    order.push(issuer);
    rest.splice(rest.indexOf(issuer), 1);
    current = issuer;
  }
  return [...order, ...rest];
}

function issued(subject: X509Certificate, issuer: X509Certificate): boolean {
  return isIssuedBy(subject, issuer) && isSignedBy(subject, issuer);
}
