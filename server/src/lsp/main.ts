// Entry point of dist/server.js. The transport comes from the command line:
// `--stdio` for any LSP client, `--node-ipc` for the VS Code client.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { keepYoungGenerationSmall } from './youngGeneration';

keepYoungGenerationSmall();
startServer(createConnection(ProposedFeatures.all));
