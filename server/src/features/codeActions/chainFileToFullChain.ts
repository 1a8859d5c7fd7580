// ssl/chainfile-deprecated: SSLCertificateChainFile becomes part of the
// SSLCertificateFile file. The edit creates `<certificate>-fullchain.pem`
// beside the certificate (the certificate's PEM, then the chain's
// certificates it does not already hold), points SSLCertificateFile at it and
// deletes the SSLCertificateChainFile line. Offered only when both files are
// readable PEM certificates without private keys (a key is never copied), the
// block has one SSLCertificateFile, and the new name is free or already holds
// exactly that content. When the certificate file already holds the chain,
// only the line is deleted.
import type { X509Certificate } from 'node:crypto';
import { posix } from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-types';
import { nodeFileSystem } from '../../config/fileSystem';
import type { DirectiveNode } from '../../parser/ast';
import { deleteLines, directiveOfFinding, siblingsNamed } from './lineEdits';
import type { QuickFixContext } from './types';
import { parsePemText } from '../../analysis/certs/readCertificateFile';

export function chainFileAction(diagnostic: Diagnostic, context: QuickFixContext): CodeAction | undefined {
  const chainLine = directiveOfFinding(context.file, diagnostic.range, ['sslcertificatechainfile']);
  if (!chainLine || chainLine.args.length !== 1) return undefined;
  const certificateLines = siblingsNamed(chainLine.parent, 'sslcertificatefile');
  if (certificateLines.length !== 1 || certificateLines[0].args.length !== 1) return undefined;
  const certificateLine = certificateLines[0];
  const fs = context.fs ?? nodeFileSystem;
  const resolved = context.model.files.get(context.path)?.resolved;
  const pathOf = (line: DirectiveNode) => {
    const value = resolved?.get(line)?.args[0] ?? line.args[0].value;
    return value.includes('${') ? undefined : posix.resolve(context.model.serverRoot, value);
  };
  const certificatePath = pathOf(certificateLine);
  const chainPath = pathOf(chainLine);
  if (!certificatePath || !chainPath) return undefined;
  const certificate = readCertificates(fs.readFile(certificatePath));
  const chain = readCertificates(fs.readFile(chainPath));
  if (!certificate || !chain) return undefined;

  const missing = chain.blocks.filter((block) => !certificate.blocks.some((held) => held.x509.raw.equals(block.x509.raw))).map((block) => block.text);
  if (missing.length === 0) {
    return {
      title: `Delete SSLCertificateChainFile (${posix.basename(certificatePath)} already holds the chain)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes: { [context.uri]: [deleteLines(context.file, chainLine)] } },
    };
  }
  const combined = `${certificate.text.replace(/\s*$/, '\n')}${missing.join('\n')}\n`;
  const fullChainPath = posix.join(posix.dirname(certificatePath), `${posix.basename(certificatePath).replace(/\.(pem|crt|cer)$/i, '')}-fullchain.pem`);
  const existing = fs.readFile(fullChainPath);
  if ('text' in existing ? existing.text !== combined : fs.stat(fullChainPath) !== undefined) return undefined;

  // Written the way the certificate's path was: relative stays relative, quotes stay.
  const written = certificateLine.args[0];
  const newValue = posix.join(posix.dirname(written.value), posix.basename(fullChainPath));
  const quote = written.quote || (/\s/.test(newValue) ? '"' : '');
  const configEdits: TextEdit[] = [{ range: written.range, newText: `${quote}${newValue}${quote}` }, deleteLines(context.file, chainLine)];
  const fullChainUri = context.uriOf(fullChainPath);
  const configEdit: TextDocumentEdit = { textDocument: { uri: context.uri, version: null }, edits: configEdits };
  const documentChanges: CodeAction['edit'] = 'text' in existing
    ? { documentChanges: [configEdit] }
    : {
        documentChanges: [
          { kind: 'create', uri: fullChainUri, options: { overwrite: false, ignoreIfExists: false } },
          { textDocument: { uri: fullChainUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: combined }] },
          configEdit,
        ],
      };
  return {
    title: `Write ${posix.basename(fullChainPath)} (certificate, then chain), use it as SSLCertificateFile and drop SSLCertificateChainFile`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: documentChanges,
  };
}

/** The file's text and its certificate blocks, when it is PEM with certificates only (no key) that all parse. */
function readCertificates(read: { text: string } | { error: string }): { text: string; blocks: { text: string; x509: X509Certificate }[] } | undefined {
  if (!('text' in read)) return undefined;
  const contents = parsePemText(read.text);
  if (contents.keys.length > 0 || contents.badBlocks.length > 0 || contents.certificates.length === 0) return undefined;
  const blocks = contents.certificates.map(({ block, x509 }) => ({ text: read.text.slice(block.start, block.end).replace(/\r\n/g, '\n'), x509 }));
  return { text: read.text, blocks };
}
