// The language server: wires the analysis and features to an LSP connection.
// This is the only module that talks to the transport.
import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeFile } from '../analysis/analyzeFile';
import { complete, type DirectoryEntry } from '../features/completion';
import { documentLinks } from '../features/documentLinks';
import { documentSymbols } from '../features/documentSymbols';
import { foldingRanges } from '../features/foldingRanges';
import { formatDocument, formatRange } from '../features/formatting';
import { COMPLETION_VARIABLES, describeVariable } from '../features/describeVariable';
import { hover } from '../features/hover';
import { defaultDirectiveIndex } from '../knowledge/directiveIndex';
import { DEFAULT_SETTINGS, indentText, normalizeSettings, type ServerSettings } from '../settings';
import { ParseCache } from './parseCache';
import { runSafe } from './runSafe';

/** Quiet time after the last keystroke before a document is re-checked. */
const VALIDATION_DELAY_MS = 150;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const parses = new ParseCache();
  const pendingValidations = new Map<string, NodeJS.Timeout>();
  const settingsByUri = new Map<string, Promise<ServerSettings>>();
  let clientHasConfiguration = false;
  let foldingRangeLimit = Number.MAX_SAFE_INTEGER;
  let hoverFormat: MarkupKind = MarkupKind.Markdown;
  const directives = defaultDirectiveIndex();

  connection.onInitialize((params): InitializeResult => {
    clientHasConfiguration = params.capabilities.workspace?.configuration === true;
    foldingRangeLimit = params.capabilities.textDocument?.foldingRange?.rangeLimit ?? foldingRangeLimit;
    const formats = params.capabilities.textDocument?.hover?.contentFormat;
    if (formats && formats.length > 0 && !formats.includes(MarkupKind.Markdown)) hoverFormat = MarkupKind.PlainText;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        hoverProvider: true,
        documentFormattingProvider: true,
        documentLinkProvider: { resolveProvider: false },
        documentRangeFormattingProvider: true,
        completionProvider: { triggerCharacters: ['<', '/', '{'] },
      },
      serverInfo: { name: 'apache-ssl' },
    };
  });

  let globalSettings: ServerSettings = DEFAULT_SETTINGS;
  const settingsFor = (uri: string): Promise<ServerSettings> => {
    if (!clientHasConfiguration) return Promise.resolve(globalSettings);
    let settings = settingsByUri.get(uri);
    if (!settings) {
      settings = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'apacheSsl' })
        .then(normalizeSettings, () => DEFAULT_SETTINGS);
      settingsByUri.set(uri, settings);
    }
    return settings;
  };

  const validate = async (document: TextDocument): Promise<void> => {
    const version = document.version;
    const settings = await settingsFor(document.uri);
    // While settings were fetched the document may have been edited (TextDocuments
    // updates it in place), or closed and reopened as a new object at the same version.
    if (documents.get(document.uri) !== document || document.version !== version) return;
    const diagnostics = runSafe(connection.console, `Checking ${document.uri}`, [], () =>
      analyzeFile(parses.get(document), {
        settings,
        directives,
        fileName: document.uri,
        onRuleError: (rule, error) => connection.console.error(`Rule ${rule.id} failed on ${document.uri}: ${String(error)}`),
      }),
    );
    await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  };

  const scheduleValidation = (document: TextDocument, delay = VALIDATION_DELAY_MS): void => {
    clearTimeout(pendingValidations.get(document.uri));
    pendingValidations.set(
      document.uri,
      setTimeout(() => {
        pendingValidations.delete(document.uri);
        const current = documents.get(document.uri);
        if (current) validate(current).catch((error) => connection.console.error(`Validation failed: ${String(error)}`));
      }, delay),
    );
  };

  documents.onDidOpen(({ document }) => scheduleValidation(document, 0));
  documents.onDidChangeContent(({ document }) => scheduleValidation(document));
  documents.onDidClose(({ document }) => {
    clearTimeout(pendingValidations.get(document.uri));
    pendingValidations.delete(document.uri);
    parses.delete(document.uri);
    settingsByUri.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    settingsByUri.clear();
    if (!clientHasConfiguration) {
      const section = (change.settings as { apacheSsl?: unknown } | undefined)?.apacheSsl;
      globalSettings = normalizeSettings(section);
    }
    for (const document of documents.all()) scheduleValidation(document, 0);
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    return runSafe(connection.console, 'Document symbols', [], () => documentSymbols(parses.get(document)));
  });

  connection.onFoldingRanges(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    return runSafe(connection.console, 'Folding ranges', [], () =>
      foldingRanges(parses.get(document)).slice(0, foldingRangeLimit),
    );
  });

  connection.onHover(({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    return runSafe(connection.console, 'Hover', null, () =>
      hover(parses.get(document), position, { directives, format: hoverFormat, describeVariable }),
    );
  });

  connection.onCompletion(({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const path = textDocument.uri.startsWith('file:') ? fileURLToPath(textDocument.uri) : undefined;
    return runSafe(connection.console, 'Completion', [], () =>
      complete(parses.get(document), position, {
        directives,
        variables: COMPLETION_VARIABLES,
        inHtaccess: path?.endsWith('/.htaccess') ?? false,
        listDirectory,
        baseDirectory: path && dirname(path),
      }),
    );
  });

  connection.onDocumentFormatting(async ({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const indent = indentText(await settingsFor(textDocument.uri));
    return runSafe(connection.console, 'Formatting', [], () => formatDocument(parses.get(document), { indent }));
  });

  connection.onDocumentRangeFormatting(async ({ textDocument, range }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const indent = indentText(await settingsFor(textDocument.uri));
    return runSafe(connection.console, 'Range formatting', [], () => formatRange(parses.get(document), range, { indent }));
  });

  connection.onDocumentLinks(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    return runSafe(connection.console, 'Document links', [], () =>
      documentLinks(parses.get(document), { directives, exists: existsSync }),
    );
  });

  documents.listen(connection);
  connection.listen();
}

function listDirectory(path: string): DirectoryEntry[] | undefined {
  try {
    return readdirSync(path, { withFileTypes: true })
      .slice(0, 500)
      .map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
  } catch {
    return undefined;
  }
}
