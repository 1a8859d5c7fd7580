// One parse per document version, shared by diagnostics, symbols and folding.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigFile } from '../parser/ast';
import { parseConfig } from '../parser/parseConfig';

export class ParseCache {
  private readonly entries = new Map<string, { version: number; file: ConfigFile }>();

  get(document: TextDocument): ConfigFile {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached.file;
    const file = parseConfig(document.getText());
    this.entries.set(document.uri, { version: document.version, file });
    return file;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
