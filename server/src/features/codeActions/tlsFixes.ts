// The quick fixes of the TLS rules (RULES.md §4) and of syntax/trailing-comment,
// one QuickFix per diagnostic code, each offering the actions that fit.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { applyTlsProfileAction } from './applyTlsProfile';
import { chainFileAction } from './chainFileToFullChain';
import { engineOptionalActions, offByDefaultActions, proxyCheckPeerCnActions, sessionTicketsActions, sslLogActions } from './obsoleteDirectives';
import { addProtocolSignAction, removeProtocolWordAction } from './protocolWords';
import { serverLevelCacheAction } from './serverLevelCache';
import { trailingCommentAction } from './trailingCommentToOwnLine';
import type { QuickFix, QuickFixContext } from './types';

type Build = (diagnostic: Diagnostic, context: QuickFixContext) => (CodeAction | undefined)[];

const fix = (code: string, build: Build): QuickFix => ({
  code,
  fix: (diagnostic, context) => build(diagnostic, context).filter((action): action is CodeAction => action !== undefined),
});

export const TLS_FIXES: readonly QuickFix[] = [
  fix('ssl/protocol-sslv2', (d, c) => [removeProtocolWordAction(d, c), applyTlsProfileAction(d, c, false)]),
  fix('ssl/protocol-sslv3', (d, c) => [removeProtocolWordAction(d, c), applyTlsProfileAction(d, c, false)]),
  fix('ssl/protocol-tls10-11', (d, c) => [applyTlsProfileAction(d, c, true)]),
  fix('ssl/protocol-missing-sign', (d, c) => [addProtocolSignAction(d, c)]),
  fix('ssl/no-protocols', (d, c) => [applyTlsProfileAction(d, c, true)]),
  fix('ssl/weak-cipher', (d, c) => [applyTlsProfileAction(d, c, true)]),
  fix('ssl/cipher-no-match', (d, c) => [applyTlsProfileAction(d, c, true)]),
  fix('ssl/session-tickets', (d, c) => [...sessionTicketsActions(d, c), applyTlsProfileAction(d, c, false)]),
  fix('ssl/compression', (d, c) => offByDefaultActions(d, c, 'SSLCompression')),
  fix('ssl/insecure-renegotiation', (d, c) => offByDefaultActions(d, c, 'SSLInsecureRenegotiation')),
  fix('ssl/engine-optional-removed', engineOptionalActions),
  fix('ssl/ssllog-removed', sslLogActions),
  fix('ssl/proxycheckpeercn-legacy', proxyCheckPeerCnActions),
  fix('ssl/stapling-cache-missing', (d, c) => [serverLevelCacheAction(d, c)]),
  fix('ssl/no-session-cache', (d, c) => [serverLevelCacheAction(d, c)]),
  fix('ssl/chainfile-deprecated', (d, c) => [chainFileAction(d, c)]),
  fix('syntax/trailing-comment', (d, c) => [trailingCommentAction(d, c)]),
];
