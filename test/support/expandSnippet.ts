// Expands a VS Code snippet body the way the editor would if the user
// accepted every default: `$1` and `$0` become empty, `${1:default}` (nested
// too) becomes its default, a choice `${1|a,b|}` its first option, a mirror
// `$1` repeats the default of tabstop 1, variables take fixed values, and
// `\$`, `\}`, `\\` (plus `\,` `\|` inside choices) are unescaped.
// Grammar: https://code.visualstudio.com/docs/editing/userdefinedsnippets#_grammar

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: Node[]; choices?: string[]; transform?: Transform }
  | { kind: 'variable'; name: string; children?: Node[]; transform?: Transform };

interface Transform {
  regex: RegExp;
  format: FormatItem[];
}

type FormatItem =
  | string
  | { group: number; modifier?: string; ifText?: string; elseText?: string };

/** Fixed values for VS Code's snippet variables, so expansions are reproducible. */
export const DEFAULT_SNIPPET_VARIABLES: Readonly<Record<string, string>> = {
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0',
  TM_LINE_NUMBER: '1',
  TM_FILENAME: 'example.conf',
  TM_FILENAME_BASE: 'example',
  TM_DIRECTORY: '/etc/apache2/sites-available',
  TM_FILEPATH: '/etc/apache2/sites-available/example.conf',
  RELATIVE_FILEPATH: 'sites-available/example.conf',
  CLIPBOARD: '',
  WORKSPACE_NAME: 'apache2',
  WORKSPACE_FOLDER: '/etc/apache2',
  CURSOR_INDEX: '0',
  CURSOR_NUMBER: '1',
  CURRENT_YEAR: '2025',
  CURRENT_YEAR_SHORT: '25',
  CURRENT_MONTH: '01',
  CURRENT_MONTH_NAME: 'January',
  CURRENT_MONTH_NAME_SHORT: 'Jan',
  CURRENT_DATE: '02',
  CURRENT_DAY_NAME: 'Thursday',
  CURRENT_DAY_NAME_SHORT: 'Thu',
  CURRENT_HOUR: '03',
  CURRENT_MINUTE: '04',
  CURRENT_SECOND: '05',
  CURRENT_SECONDS_UNIX: '1735787045',
  CURRENT_TIMEZONE_OFFSET: '+00:00',
  RANDOM: '123456',
  RANDOM_HEX: 'a1b2c3',
  UUID: '00000000-0000-4000-8000-000000000000',
  LINE_COMMENT: '#',
  BLOCK_COMMENT_START: '',
  BLOCK_COMMENT_END: '',
};

export interface SnippetExpansion {
  text: string;
  /** Tabstop numbers seen, in ascending order (0 included when present). */
  tabstops: number[];
  /**
   * Variables VS Code does not know, e.g. an unescaped Apache `${APACHE_LOG_DIR}`:
   * the editor would insert their *name* instead, which is almost always a bug.
   */
  unknownVariables: string[];
}

export function expandSnippet(body: string | readonly string[], variables?: Record<string, string>): string {
  return expandSnippetDetailed(body, variables).text;
}

export function expandSnippetDetailed(
  body: string | readonly string[],
  variables: Record<string, string> = {},
): SnippetExpansion {
  const source = typeof body === 'string' ? body : body.join('\n');
  const nodes = new Parser(source).parse();
  const vars = { ...DEFAULT_SNIPPET_VARIABLES, ...variables };

  // A tabstop's value comes from its first occurrence with a default or choices.
  const definitions = new Map<number, Node & { kind: 'tabstop' }>();
  const indexes = new Set<number>();
  const collect = (list: Node[]): void => {
    for (const node of list) {
      if (node.kind === 'text') continue;
      if (node.kind === 'tabstop') {
        indexes.add(node.index);
        if ((node.children || node.choices) && !definitions.has(node.index)) definitions.set(node.index, node);
      }
      if (node.children) collect(node.children);
    }
  };
  collect(nodes);

  const unknown = new Set<string>();
  const values = new Map<number, string>();
  const resolving = new Set<number>();
  const tabstopValue = (index: number): string => {
    const known = values.get(index);
    if (known !== undefined) return known;
    if (resolving.has(index)) return ''; // `${1:$1}`: a cycle the editor would also leave empty
    resolving.add(index);
    const def = definitions.get(index);
    const value = def?.choices ? (def.choices[0] ?? '') : def?.children ? render(def.children) : '';
    resolving.delete(index);
    values.set(index, value);
    return value;
  };
  const render = (list: Node[]): string =>
    list
      .map((node) => {
        if (node.kind === 'text') return node.value;
        if (node.kind === 'tabstop') {
          const value = tabstopValue(node.index);
          return node.transform ? applyTransform(node.transform, value) : value;
        }
        const value = vars[node.name];
        if (value === undefined && !node.children && !node.transform) {
          unknown.add(node.name);
          return node.name;
        }
        if (node.transform) return applyTransform(node.transform, value ?? '');
        return value !== undefined && value !== '' ? value : node.children ? render(node.children) : '';
      })
      .join('');

  return {
    text: render(nodes),
    tabstops: [...indexes].sort((a, b) => a - b),
    unknownVariables: [...unknown],
  };
}

function applyTransform(transform: Transform, value: string): string {
  const { regex, format } = transform;
  return value.replace(regex, (...args: unknown[]) => {
    // replace() passes (match, ...groups, offset, input[, namedGroups]).
    const end = args.length - (typeof args[args.length - 1] === 'object' ? 3 : 2);
    const groups = args.slice(0, end) as (string | undefined)[];
    return format
      .map((item) => {
        if (typeof item === 'string') return item;
        const group = groups[item.group] ?? '';
        if (item.ifText !== undefined || item.elseText !== undefined) {
          return group !== '' ? (item.ifText ?? group) : (item.elseText ?? '');
        }
        switch (item.modifier) {
          case 'upcase':
            return group.toUpperCase();
          case 'downcase':
            return group.toLowerCase();
          case 'capitalize':
            return group.charAt(0).toUpperCase() + group.slice(1);
          case 'camelcase':
          case 'pascalcase': {
            const words = group.split(/[^A-Za-z0-9]+/).filter(Boolean);
            const joined = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
            return item.modifier === 'pascalcase' ? joined : joined.charAt(0).toLowerCase() + joined.slice(1);
          }
          default:
            return group;
        }
      })
      .join('');
  });
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    // At top level an unmatched `}` is plain text, so this reads to the end.
    return mergeText(this.parseNodes(false));
  }

  /** Reads nodes until the end, or (when `inside`) until an unescaped `}` (not consumed). */
  private parseNodes(inside: boolean): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && '$}\\'.includes(this.src[this.pos + 1] ?? '')) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (ch === '}' && inside) {
        break;
      } else if (ch === '$') {
        const start = this.pos;
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          this.pos = start + 1;
          text += '$';
        }
      } else {
        text += ch;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  /** At a `$`; returns the construct, or undefined (position unspecified) if it is literal text. */
  private parseDollar(): Node | undefined {
    this.pos++; // `$`
    const int = this.match(/[0-9]+/y);
    if (int !== undefined) return { kind: 'tabstop', index: Number(int) };
    const name = this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y);
    if (name !== undefined) return { kind: 'variable', name };
    if (this.src[this.pos] !== '{') return undefined;
    this.pos++;

    const index = this.match(/[0-9]+/y);
    const varName = index === undefined ? this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y) : undefined;
    if (index === undefined && varName === undefined) return undefined;
    const head = (extra: Partial<{ children: Node[]; choices: string[]; transform: Transform }>): Node =>
      index !== undefined
        ? { kind: 'tabstop', index: Number(index), ...extra }
        : { kind: 'variable', name: varName as string, ...extra };

    const next = this.src[this.pos];
    if (next === '}') {
      this.pos++;
      return head({});
    }
    if (next === ':') {
      this.pos++;
      const children = mergeText(this.parseNodes(true));
      if (this.src[this.pos] !== '}') return undefined;
      this.pos++;
      return head({ children });
    }
    if (next === '|' && index !== undefined) {
      this.pos++;
      const choices: string[] = [];
      let current = '';
      while (this.pos < this.src.length) {
        const ch = this.src[this.pos];
        if (ch === '\\' && '$}\\,|'.includes(this.src[this.pos + 1] ?? '')) {
          current += this.src[this.pos + 1];
          this.pos += 2;
        } else if (ch === ',') {
          choices.push(current);
          current = '';
          this.pos++;
        } else if (ch === '|' && this.src[this.pos + 1] === '}') {
          choices.push(current);
          this.pos += 2;
          return head({ choices });
        } else {
          current += ch;
          this.pos++;
        }
      }
      return undefined;
    }
    if (next === '/') {
      this.pos++;
      const transform = this.parseTransform();
      return transform ? head({ transform }) : undefined;
    }
    return undefined;
  }

  /** After the first `/`: `regex/format/options}`. */
  private parseTransform(): Transform | undefined {
    const regexSource = this.readUntilSlash(true);
    if (regexSource === undefined) return undefined;
    const formatRaw = this.readUntilSlash(false);
    if (formatRaw === undefined) return undefined;
    const options = this.match(/[a-z]*/y) ?? '';
    if (this.src[this.pos] !== '}') return undefined;
    this.pos++;
    let regex: RegExp;
    try {
      regex = new RegExp(regexSource, options);
    } catch {
      return undefined;
    }
    return { regex, format: parseFormat(formatRaw) };
  }

  /**
   * Reads up to an unescaped `/` and consumes it; `\/` becomes `/` in regexes.
   * In a format, `${1:/upcase}` and friends are skipped whole.
   */
  private readUntilSlash(isRegex: boolean): string | undefined {
    let out = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && this.pos + 1 < this.src.length) {
        const escaped = this.src[this.pos + 1];
        out += isRegex && escaped === '/' ? '/' : ch + escaped;
        this.pos += 2;
      } else if (!isRegex && ch === '$' && this.src[this.pos + 1] === '{') {
        const close = this.src.indexOf('}', this.pos);
        if (close < 0) return undefined;
        out += this.src.slice(this.pos, close + 1);
        this.pos = close + 1;
      } else if (ch === '/') {
        this.pos++;
        return out;
      } else {
        out += ch;
        this.pos++;
      }
    }
    return undefined;
  }

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }
}

function parseFormat(raw: string): FormatItem[] {
  const items: FormatItem[] = [];
  const re =
    /\\([\s\S])|\$(\d+)|\$\{(\d+)\}|\$\{(\d+):\/(upcase|downcase|capitalize|camelcase|pascalcase)\}|\$\{(\d+):\+((?:\\.|[^}])*)\}|\$\{(\d+):\?((?:\\.|[^:}])*):((?:\\.|[^}])*)\}|\$\{(\d+):-?((?:\\.|[^}])*)\}|([\s\S])/g;
  const unescape = (s: string): string => s.replace(/\\([\s\S])/g, '$1');
  for (const m of raw.matchAll(re)) {
    if (m[1] !== undefined) items.push(m[1]);
    else if (m[2] !== undefined) items.push({ group: Number(m[2]) });
    else if (m[3] !== undefined) items.push({ group: Number(m[3]) });
    else if (m[4] !== undefined) items.push({ group: Number(m[4]), modifier: m[5] });
    else if (m[6] !== undefined) items.push({ group: Number(m[6]), ifText: unescape(m[7]) });
    else if (m[8] !== undefined) items.push({ group: Number(m[8]), ifText: unescape(m[9]), elseText: unescape(m[10]) });
    else if (m[11] !== undefined) items.push({ group: Number(m[11]), elseText: unescape(m[12]) });
    else items.push(m[13]);
  }
  return items;
}

function mergeText(nodes: Node[]): Node[] {
  const out: Node[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.kind === 'text' && last?.kind === 'text') last.value += node.value;
    else out.push(node);
  }
  return out;
}
