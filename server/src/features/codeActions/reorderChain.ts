// cert/chain-order: the PEM file gets its certificates in the order mod_ssl
// wants: the server certificate (the one the key belongs to, whose index the
// rule puts in `data`) first, then each certificate's issuer from the file,
// then whatever else the file held, in its old order. Only certificate
// blocks move, each into the place of another one: keys, comments and line
// endings stay where they are, and no edit carries key material.
import { X509Certificate } from 'node:crypto';
import { posix } from 'node:path';
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { nodeFileSystem } from '../../config/fileSystem';
import { computeLineStarts, rangeOf } from '../../parser/lineIndex';
import type { QuickFix } from './types';
import { isIssuedBy, isSignedBy } from '../../analysis/certs/certificateChecks';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----\r?\n[\s\S]*?-----END CERTIFICATE-----/g;

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
  const blocks: Block[] = [];
  for (const match of text.matchAll(PEM_CERTIFICATE)) {
    const start = match.index ?? 0;
    try {
      blocks.push({ start, end: start + match[0].length, text: match[0], x509: new X509Certificate(match[0]) });
    } catch {
      return undefined;
    }
  }
  return blocks;
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
