// Reads the directive tables of the installed httpd manual (apache2-doc):
// every `<div class="directive-section">` of /usr/share/doc/apache2-doc/manual/en/mod/*.html
// holds an `<h2 id="anchor"><span id="Name">` heading and a `<table class="directive">`
// with rows Description/Syntax/Default/Context/Override/Status/Module/Compatibility.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MANUAL_DIR = '/usr/share/doc/apache2-doc/manual/en/mod';
export const DOCS_BASE = 'https://httpd.apache.org/docs/2.4/mod/';

export interface ManualEntry {
  /** The name as the manual heading spells it, sections without brackets: "VirtualHost". */
  name: string;
  /** True for container directives (heading "<VirtualHost>"). */
  section: boolean;
  page: string;
  anchor: string;
  /** Table rows by label ("Syntax", "Default", ...), as plain text. */
  rows: Record<string, string>;
  /** Modules the Module row names ("event, worker, prefork" for mpm_common directives). */
  modules: string[];
  /** True when the prose right after the table opens a note saying the directive is deprecated. */
  deprecatedNote: boolean;
}

export interface ModulePage {
  page: string;
  /** The module's own Status row ("Base", "Extension", "Deprecated", ...). */
  status?: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ', para: '¶', mdash: '—', ndash: '–', hellip: '…', copy: '©' };

/** HTML fragment to one line of plain text: tags dropped, entities decoded, blanks collapsed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&([a-z]+);/gi, (whole, name: string) => ENTITIES[name.toLowerCase()] ?? whole)
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

function tableRows(table: string): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const row of table.matchAll(/<tr><th>([\s\S]*?)<\/th><td>([\s\S]*?)<\/td><\/tr>/g)) {
    rows[htmlToText(row[1]).replace(/:$/, '')] = htmlToText(row[2]);
  }
  return rows;
}

function parsePage(page: string, html: string): ManualEntry[] {
  const entries: ManualEntry[] = [];
  const parts = html.split('<div class="directive-section">').slice(1);
  for (const part of parts) {
    const heading = /<h2 id="([^"]+)"><span id="[^"]*">([\s\S]*?)<\/span>/.exec(part);
    const table = /<table class="directive">([\s\S]*?)<\/table>/.exec(part);
    if (!heading || !table) continue;
    const title = htmlToText(heading[2]);
    const section = title.startsWith('<');
    const rows = tableRows(table[1]);
    const after = part.slice(table.index + table[0].length, table.index + table[0].length + 400);
    entries.push({
      name: section ? title.replace(/^<|>$/g, '') : title,
      section,
      page,
      anchor: heading[1],
      rows,
      modules: (rows.Module ?? '').split(',').map((module) => module.trim()).filter(Boolean),
      deprecatedNote: /^\s*<div class="note"><h3>[^<]*\b(deprecated|obsolete)\b/i.test(after),
    });
  }
  return entries;
}

/** Every directive entry of the manual, keyed by lower-case name ("<virtualhost" for sections). */
export function readManual(dir = MANUAL_DIR): { entries: Map<string, ManualEntry[]>; modules: Map<string, ModulePage> } {
  const entries = new Map<string, ManualEntry[]>();
  const modules = new Map<string, ModulePage>();
  if (!existsSync(dir)) return { entries, modules };
  for (const page of readdirSync(dir).filter((file) => file.endsWith('.html')).sort()) {
    const html = readFileSync(join(dir, page), 'utf8');
    const moduleStatus = /<a href="module-dict.html#Status">Status:<\/a><\/th><td>([^<]*)</.exec(html);
    modules.set(page.replace(/\.html$/, ''), { page, status: moduleStatus?.[1].trim() });
    for (const entry of parsePage(page, html)) {
      const key = (entry.section ? '<' : '') + entry.name.toLowerCase();
      entries.set(key, [...(entries.get(key) ?? []), entry]);
    }
  }
  return { entries, modules };
}

/**
 * `apache2 -L` names a directive's module after its source file; the manual
 * documents a few of those under the module users load instead.
 */
const DOC_MODULE: Record<string, string> = { http_core: 'core', util_ldap: 'mod_ldap' };

export function docModule(module: string): string {
  return DOC_MODULE[module] ?? module;
}

/** The manual entry of directive `name` from `module`; undefined when the manual has none. */
export function findEntry(manual: Map<string, ManualEntry[]>, name: string, module: string): ManualEntry | undefined {
  const candidates = manual.get(name.toLowerCase()) ?? [];
  const wanted = docModule(module);
  return (
    candidates.find((entry) => entry.modules.includes(wanted)) ??
    candidates.find((entry) => entry.page === `${wanted}.html`) ??
    // `apache2 -L` credits core with mpm_common.c's directives (PidFile, MaxConnectionsPerChild, ...);
    // a name the manual documents exactly once is that directive.
    (candidates.length === 1 ? candidates[0] : undefined)
  );
}

/** "Available in httpd 2.4.30 and later" → "2.4.30"; only statements about the directive itself. */
export function sinceVersion(compatibility: string | undefined, name: string): string | undefined {
  if (!compatibility) return undefined;
  const first = compatibility.split(/(?<=\.)\s|;/)[0];
  const bare = name.replace(/^</, '');
  // Sentences that start by saying the directive is available (not "The proxy section context is
  // allowed in 2.4.30", "keyid available in 2.4.42"): those describe a later extension.
  const opener = new RegExp(
    `^(?:available|only available|directive supported|added in|(?:the )?${bare.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (?:directive )?is (?:only )?available|apache http server \\d|\\d)`,
    'i',
  );
  if (!opener.test(first)) return undefined;
  // "2.2.32 or 2.4.24 and later": backported, so the 2.4 line has it from 2.4.24.
  const versions = [...first.matchAll(/\b(\d+\.\d+(?:\.\d+)?)\b/g)].map((match) => match[1]);
  const version = versions[0]?.startsWith('2.4.') ? versions[0] : /\bor (2\.4\.\d+)/.exec(first)?.[1];
  return version && /^2\.4\.\d+$/.test(version) ? version : undefined;
}
