// The language server: wires the analysis and features to an LSP connection.
// This is the only module that talks to the transport.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ResponseError,
  type Position,
  MarkupKind,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeEdit, type FileAnalysis } from '../analysis/analyzeEdit';
import { defaultCertificateReader } from '../analysis/certs/certificateReader';
import { ConfigWorkspace } from '../config/configWorkspace';
import { effectiveConfiguration } from '../config/effectiveConfiguration';
import { quickFixes } from '../features/codeActions';
import { definition } from '../features/definition';
import { macroDefinitions } from '../analysis/macros';
import { effectiveConfigurationText } from '../features/effectiveConfigurationText';
import { certificateLenses } from '../features/certificateLenses';
import { hoverCertificate } from '../features/hoverCertificate';
import { hoverInclude } from '../features/hoverInclude';
import { hoverUse } from '../features/hoverUse';
import { hoverVariable } from '../features/hoverVariable';
import { prepareRenameVariable, renameVariable } from '../features/renameVariable';
import { variableReferences } from '../features/variableReferences';
import { workspaceSymbols } from '../features/workspaceSymbols';
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
import { uriToPath } from './uriToPath';
import { runSafe } from './runSafe';
import { ConfigTestFindings, configTestOptions, RUN_CONFIG_TEST_COMMAND, runAndDescribe, WORKSPACE_TRUSTED_NOTIFICATION, type ConfigTestReply } from './configTestCommand';
import { CREATE_TEST_PKI_COMMAND, createTestPkiCommand, TEST_COMMANDS_COMMAND, testCommandsCommand, type TestPkiCommandHost } from './testPkiCommands';

/** Answers with the effective configuration at a position, as text: arguments [uri, position]. */
export const EFFECTIVE_CONFIGURATION_COMMAND = 'apacheSsl.server.effectiveConfiguration';

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
  const workspace = new ConfigWorkspace();
  // One reader for rules, hovers and lenses: each certificate file parsed once per version on disk.
  const certificates = defaultCertificateReader;
  let canRefreshLenses = false;
  let workspaceFolders: string[] = [];
  let canWatchFiles = false;
  let modelSettingsKey = '';
  // Running a program on a workspace's behalf needs the client's word that the user trusts it (VS Code's workspace trust);
  // a client that says nothing is an editor whose settings are the user's own.
  let workspaceTrusted = true;
  const configTestFindings = new ConfigTestFindings();
  /** Why a config test on save could not run, each said once (not at every save). */
  const toldWhyNotRun = new Set<string>();

  connection.onInitialize((params): InitializeResult => {
    clientHasConfiguration = params.capabilities.workspace?.configuration === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    workspaceTrusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false;
    const folderUris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolders = folderUris.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
    foldingRangeLimit = params.capabilities.textDocument?.foldingRange?.rangeLimit ?? foldingRangeLimit;
    const formats = params.capabilities.textDocument?.hover?.contentFormat;
    if (formats && formats.length > 0 && !formats.includes(MarkupKind.Markdown)) hoverFormat = MarkupKind.PlainText;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        documentLinkProvider: { resolveProvider: false },
        documentRangeFormattingProvider: true,
        completionProvider: { triggerCharacters: ['<', '/', '{'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        definitionProvider: true,
        workspaceSymbolProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        executeCommandProvider: { commands: [EFFECTIVE_CONFIGURATION_COMMAND, CREATE_TEST_PKI_COMMAND, TEST_COMMANDS_COMMAND, RUN_CONFIG_TEST_COMMAND] },
      },
      serverInfo: { name: 'apache-ssl' },
    };
  });

  connection.onInitialized(() => {
    // Any file may be part of a configuration tree: Apache includes files of any name.
    if (!canWatchFiles) return;
    connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] }).then(
      // From now on the client reports changes in the workspace folders: their files need no stat at each rebuild.
      () => workspace.watchFolders(true),
      (error) => connection.console.error(`Watching files failed: ${String(error)}`),
    );
  });

  /**
   * The model's settings (main config, ServerRoot …) are window-wide: they come
   * with the first document's settings, so no request of their own is needed.
   */
  const configureWorkspace = (settings: ServerSettings): void => {
    const { mainConfig, serverRoot, defines, environmentFile, httpdVersion } = settings;
    const key = JSON.stringify([mainConfig, serverRoot, defines, environmentFile, httpdVersion]);
    if (key === modelSettingsKey) return;
    modelSettingsKey = key;
    workspace.configure(settings, workspaceFolders);
  };
  /** Settings for a document, with the workspace configured from them: call before using the model. */
  const prepare = async (uri: string): Promise<ServerSettings> => {
    const settings = await settingsFor(uri);
    configureWorkspace(settings);
    return settings;
  };

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

  /**
   * Each open document's last analysis, and the generation of everything else
   * it read then. While only that document changes, its next analysis redoes
   * only the hosts the edit touched (analyzeEdit).
   */
  const analyses = new Map<string, { analysis: FileAnalysis; generation: number }>();
  let generation = 0;
  /** Something an analysis reads changed: a document (`uri`, whose own analysis stays a base for the next), a file on disk, settings. */
  const changed = (uri?: string): void => {
    const own = uri === undefined ? undefined : analyses.get(uri);
    const current = own?.generation === generation;
    generation++;
    if (own && current) own.generation = generation;
  };
  /** `openssl ciphers` gets strings from the configuration: not in a workspace the user does not trust. One object per settings, so an edit can reuse the analysis. */
  const untrustedSettings = new WeakMap<ServerSettings, ServerSettings>();
  const analysisSettings = (settings: ServerSettings): ServerSettings => {
    if (workspaceTrusted) return settings;
    let untrusted = untrustedSettings.get(settings);
    if (!untrusted) {
      untrusted = { ...settings, expandCiphers: false };
      untrustedSettings.set(settings, untrusted);
    }
    return untrusted;
  };

  const validate = async (document: TextDocument): Promise<void> => {
    const version = document.version;
    const settings = await prepare(document.uri);
    // While settings were fetched the document may have been edited (TextDocuments
    // updates it in place), or closed and reopened as a new object at the same version.
    if (documents.get(document.uri) !== document || document.version !== version) return;
    const diagnostics = runSafe(connection.console, `Checking ${document.uri}`, [], () => {
      const { model, path } = workspace.locate(uriToPath(document.uri));
      const previous = analyses.get(document.uri);
      const analysis = analyzeEdit(
        parses.get(document),
        {
          settings: analysisSettings(settings),
          directives,
          fileName: path,
          model,
          // Only open files are analysed: whole-tree work is limited to the hosts this file holds.
          focus: true,
          certificates,
          onRuleError: (rule, error) => connection.console.error(`Rule ${rule.id} failed on ${document.uri}: ${String(error)}`),
        },
        // Without file watching, a certificate file changed on disk would only be seen by a whole analysis.
        canWatchFiles && previous?.generation === generation ? previous.analysis : undefined,
      );
      analyses.set(document.uri, { analysis, generation });
      // Seen with apacheSsl.trace.server (or any client's $/setTrace).
      connection.tracer.log(`${document.uri} version ${version}: checked ${analysis.partial ? 'the hosts the edit changed or moved' : 'the whole file'}`);
      return analysis.diagnostics;
    });
    await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [...diagnostics, ...configTestFindings.of(document.uri)] });
  };

  /** Config test runs one at a time, in the order asked for (a burst of saves does not start Apache ten times at once). */
  let configTestQueue: Promise<unknown> = Promise.resolve();
  const queueConfigTest = <T>(job: () => Promise<T>): Promise<T> => {
    const next = configTestQueue.then(job);
    configTestQueue = next.catch(() => undefined);
    return next;
  };

  /** Runs Apache's config test for the tree `uri` belongs to, and publishes what it reports. */
  const runApacheConfigTest = async (uri: string | undefined): Promise<ConfigTestReply> => {
    const settings = uri ? await prepare(uri) : globalSettings;
    if (!workspaceTrusted) return { ran: false, summary: 'The workspace is not trusted: Apache\'s config test runs a program, so it is not run here.' };
    const main = workspace.mainConfigPath();
    const { run, reply } = await runAndDescribe(configTestOptions(settings, main));
    if (run.ran) {
      for (const changed of configTestFindings.replace(run, main)) {
        const open = documents.get(changed);
        if (open) scheduleValidation(open, 0);
        else void connection.sendDiagnostics({ uri: changed, diagnostics: configTestFindings.of(changed) });
      }
    }
    return reply;
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

  // One file's change can change what others mean (a Define, a LoadModule, an Include): re-check every open file.
  const scheduleAll = (delay = VALIDATION_DELAY_MS): void => {
    for (const document of documents.all()) scheduleValidation(document, delay);
  };

  documents.onDidOpen(({ document }) => {
    changed();
    workspace.setDocument(uriToPath(document.uri), () => parses.get(document));
    scheduleValidation(document, 0);
  });
  documents.onDidChangeContent(({ document }) => {
    // Apache's verdict was on the saved text.
    configTestFindings.drop(document.uri);
    changed(document.uri);
    workspace.setDocument(uriToPath(document.uri), () => parses.get(document));
    scheduleAll();
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(pendingValidations.get(document.uri));
    pendingValidations.delete(document.uri);
    parses.delete(document.uri);
    analyses.delete(document.uri);
    changed();
    settingsByUri.delete(document.uri);
    workspace.closeDocument(uriToPath(document.uri));
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    scheduleAll();
  });

  documents.onDidSave(({ document }) =>
    queueConfigTest(async () => {
      const settings = await prepare(document.uri);
      if (!settings['configTest.onSave'] || !workspaceTrusted) return;
      const reply = await runApacheConfigTest(document.uri);
      if (!reply.ran && !toldWhyNotRun.has(reply.summary)) {
        toldWhyNotRun.add(reply.summary);
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Apache SSL: ${reply.summary}` });
      }
    }).catch((error) => connection.console.error(`Config test on save failed: ${String(error)}`)),
  );

  connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, () => {
    workspaceTrusted = true;
    changed();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    changed();
    let certificateChanged = false;
    for (const change of changes) {
      if (!change.uri.startsWith('file:')) continue;
      const path = fileURLToPath(change.uri);
      workspace.fileChanged(path);
      if (certificates.fileChanged(path)) certificateChanged = true;
    }
    scheduleAll();
    // Lenses show certificate expiry: ask the client to fetch them again when a file they read changed.
    if (certificateChanged && canRefreshLenses) {
      connection.sendRequest(CodeLensRefreshRequest.type).catch((error) => connection.console.error(`Code lens refresh failed: ${String(error)}`));
    }
  });

  connection.onDidChangeConfiguration((change) => {
    changed();
    settingsByUri.clear();
    if (!clientHasConfiguration) {
      const section = (change.settings as { apacheSsl?: unknown } | undefined)?.apacheSsl;
      globalSettings = normalizeSettings(section);
    }
    modelSettingsKey = '';
    scheduleAll(0);
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

  connection.onHover(async ({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    await prepare(document.uri);
    return runSafe(connection.console, 'Hover', null, () => {
      const { model, path } = workspace.locate(uriToPath(document.uri));
      // A ${VAR} inside an Include argument is about the variable; elsewhere on an Include line, the files.
      return (
        hoverVariable(model, path, position) ??
        hoverInclude(model, path, position) ??
        hoverUse(model, path, position) ??
        hoverCertificate(model, path, position, { certificates, directives, format: hoverFormat }) ??
        hover(parses.get(document), position, { directives, format: hoverFormat, describeVariable })
      );
    });
  });

  connection.onCodeLens(async ({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    await prepare(document.uri);
    return runSafe(connection.console, 'Code lenses', [], () => {
      const { model, path } = workspace.locate(uriToPath(document.uri));
      return certificateLenses(model, path, { certificates, directives });
    });
  });

  connection.onDefinition(async ({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    await prepare(document.uri);
    return runSafe(connection.console, 'Definition', [], () => {
      const { model, path } = workspace.locate(uriToPath(document.uri));
      return definition(model, path, position, { directives, isFile: (file) => statSync(file, { throwIfNoEntry: false })?.isFile() ?? false });
    });
  });

  connection.onWorkspaceSymbol(async ({ query }) => {
    await Promise.all(documents.all().map((document) => prepare(document.uri)));
    return runSafe(connection.console, 'Workspace symbols', [], () => {
      // The main tree's virtual hosts; without one, those of the open files.
      const main = workspace.mainTree();
      const models = main ? [main] : [...new Set(documents.all().map((document) => workspace.locate(uriToPath(document.uri)).model))];
      return models.flatMap((model) => workspaceSymbols(model, query));
    });
  });

  connection.onReferences(async ({ textDocument, position, context }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    await prepare(document.uri);
    return runSafe(connection.console, 'References', [], () => {
      const { model, path } = workspace.locate(uriToPath(document.uri));
      return variableReferences(model, path, position, context.includeDeclaration);
    });
  });

  connection.onPrepareRename(async ({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    await prepare(document.uri);
    return runSafe(connection.console, 'Prepare rename', null, () => {
      const { model, path } = workspace.locate(uriToPath(document.uri));
      return prepareRenameVariable(model, path, position) ?? null;
    });
  });

  connection.onRenameRequest(async ({ textDocument, position, newName }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    await prepare(document.uri);
    const { model, path } = workspace.locate(uriToPath(document.uri));
    const result = runSafe(connection.console, 'Rename', null, () => renameVariable(model, path, position, newName));
    if (result && 'error' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.error);
    return result;
  });

  const testPkiHost: TestPkiCommandHost = {
    openFile: (uri) => {
      const document = documents.get(uri);
      return document && parses.get(document);
    },
    locate: async (uri) => {
      await prepare(uri);
      return workspace.locate(uriToPath(uri));
    },
    applyEdit: async (uri, edit, label) => (await connection.workspace.applyEdit({ label, edit: { changes: { [uri]: [edit] } } })).applied,
  };

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command === CREATE_TEST_PKI_COMMAND) return createTestPkiCommand(args ?? [], testPkiHost);
    if (command === TEST_COMMANDS_COMMAND) return testCommandsCommand(args ?? [], testPkiHost);
    if (command === RUN_CONFIG_TEST_COMMAND) {
      const [uri] = args ?? [];
      return queueConfigTest(() => runApacheConfigTest(typeof uri === 'string' ? uri : undefined));
    }
    if (command !== EFFECTIVE_CONFIGURATION_COMMAND) return null;
    const [uri, position] = (args ?? []) as [string, Position];
    if (typeof uri !== 'string' || typeof position?.line !== 'number') return null;
    await prepare(uri);
    return runSafe(connection.console, 'Effective configuration', null, () => {
      const { model, path } = workspace.locate(uriToPath(uri));
      return effectiveConfigurationText(effectiveConfiguration(model, path, position), model.serverRoot);
    });
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
        macros: () => (path ? macroDefinitions(workspace.locate(path).model).map((macro) => ({ name: macro.args[0], params: macro.args.slice(1) })) : []),
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

  connection.onDocumentLinks(async ({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    await prepare(document.uri);
    return runSafe(connection.console, 'Document links', [], () =>
      documentLinks(parses.get(document), { directives, exists: existsSync, ...workspace.locate(uriToPath(document.uri)) }),
    );
  });

  connection.onCodeAction(async ({ textDocument, context }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    await prepare(document.uri);
    return runSafe(connection.console, 'Code actions', [], () => {
      const { model, path } = workspace.locate(uriToPath(document.uri));
      return quickFixes(context.diagnostics, {
        file: parses.get(document),
        path,
        uri: document.uri,
        model,
        uriOf: (other) => (other === path ? document.uri : pathToFileURL(other).href),
      });
    });
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
