// One parse per document version, shared by diagnostics, symbols and folding.
// A new version is parsed from the previous one (reparseConfig), which moves
// the unchanged nodes into the new parse: nothing may keep using an old parse.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigFile } from '../parser/ast';
import { parseConfig } from '../parser/parseConfig';
import { reparseConfig } from '../parser/reparseConfig';

export class ParseCache {
  private readonly entries = new Map<string, { version: number; file: ConfigFile }>();

  get(document: TextDocument): ConfigFile {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached.file;
    const text = document.getText();
    const file = cached ? reparseConfig(cached.file, text) : parseConfig(text);
    this.entries.set(document.uri, { version: document.version, file });
    return file;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
