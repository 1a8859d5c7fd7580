// The workspace/executeCommand handlers for trying mutual TLS: create a test
// PKI (and put its directives into the <VirtualHost> at the cursor through
// workspace/applyEdit), and the openssl/curl commands that try a host. What
// they need from the connection is handed in, so server.ts stays the only
// module that talks to the transport.
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { Position, TextEdit } from 'vscode-languageserver';
import { defaultCertificateReader } from '../analysis/certs/certificateReader';
import { createTestPki, diskPkiWriter, type PkiFileWriter, type TestPkiFiles } from '../analysis/certs/createTestPki';
import type { ConfigModel } from '../config/buildConfigModel';
import { insertVirtualHostDirectives } from '../features/insertVirtualHostDirectives';
import { testCommandsText } from '../features/testCommands';
import type { ConfigFile } from '../parser/ast';

/** Arguments [folder, host, clientName, p12Password, uri?, position?]; answers a CreateTestPkiResult. */
export const CREATE_TEST_PKI_COMMAND = 'apacheSsl.server.createTestPki';
/** Arguments [uri, position]; answers the commands as shell text, or { error }. */
export const TEST_COMMANDS_COMMAND = 'apacheSsl.server.testCommands';

export type CreateTestPkiResult =
  | {
      files: TestPkiFiles;
      directives: string[];
      /** Lines put into the virtual host (when a position was given and the edit was applied). */
      inserted?: string[];
      /** Lines left out because the virtual host already has that directive. */
      skipped?: string[];
      /** Why nothing was put into the virtual host although a position was given. */
      insertError?: string;
    }
  | { error: string };

/** The same result as a client reads it off the wire: either side's fields, each optional. */
export type CreateTestPkiReply = Partial<Exclude<CreateTestPkiResult, { error: string }>> & { error?: string };

export interface TestPkiCommandHost {
  /** The open document's syntax tree, if the editor has it open. */
  openFile(uri: string): ConfigFile | undefined;
  /** The model and the path it knows the document by, with the document's settings applied. */
  locate(uri: string): Promise<{ model: ConfigModel; path: string }>;
  applyEdit(uri: string, edit: TextEdit, label: string): Promise<boolean>;
  writer?: PkiFileWriter;
}

export async function createTestPkiCommand(args: readonly unknown[], host: TestPkiCommandHost): Promise<CreateTestPkiResult> {
  const [folder, hostName, clientName, password, uri, position] = args;
  if (typeof folder !== 'string' || !isAbsolute(folder)) return { error: 'The test PKI needs an absolute folder.' };
  if (typeof hostName !== 'string') return { error: 'The test PKI needs a host name.' };
  if (clientName !== undefined && clientName !== null && typeof clientName !== 'string') return { error: 'The client name must be text.' };
  if (typeof password !== 'string') return { error: 'The .p12 file needs a password.' };
  const created = createTestPki(
    { folder, host: hostName, clientName: clientName || undefined, p12Password: password },
    host.writer ?? diskPkiWriter,
  );
  if ('error' in created || typeof uri !== 'string' || !isPosition(position)) return created;
  const file = host.openFile(uri);
  if (!file) return { ...created, insertError: 'The document is not open in the editor.' };
  const insertion = insertVirtualHostDirectives(file, position, created.directives);
  if ('error' in insertion) return { ...created, insertError: insertion.error };
  const applied = insertion.edit ? await host.applyEdit(uri, insertion.edit, 'Insert test PKI directives') : true;
  if (!applied) return { ...created, insertError: 'The editor did not apply the edit.' };
  return { ...created, inserted: insertion.added, skipped: insertion.skipped };
}

export async function testCommandsCommand(args: readonly unknown[], host: TestPkiCommandHost): Promise<string | { error: string }> {
  const [uri, position] = args;
  if (typeof uri !== 'string' || !isPosition(position)) return { error: 'Test commands need a document and a position.' };
  const { model, path } = await host.locate(uri);
  return testCommandsText(model, path, position, { certificates: defaultCertificateReader, exists: existsSync });
}

function isPosition(value: unknown): value is Position {
  const candidate = value as Position | undefined;
  return typeof candidate?.line === 'number' && typeof candidate.character === 'number';
}
