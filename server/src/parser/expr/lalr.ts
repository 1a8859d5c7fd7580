// A small LALR(1) table builder that makes the same choices as GNU Bison, so a
// parser driven by its tables detects errors in the same state as Apache's
// generated parser and can list the same expected tokens:
// - shift/reduce conflicts are settled by precedence when both the token and
//   the rule (through the last token of its right-hand side) have one, and
//   otherwise by shifting;
// - reduce/reduce conflicts go to the rule listed first;
// - in every state the reduction used for the most tokens becomes the default,
//   taken on any token without an explicit action (which delays error
//   detection, as Bison does).
// Built once, from a grammar of a few dozen rules, when the module loads.

export interface Production {
  lhs: string;
  rhs: readonly string[];
}

export interface GrammarSpec {
  /** Terminals in Bison's numbering order; expected-token lists follow it. */
  terminals: readonly string[];
  /** Rule 0 must be `$accept: <start> $end`. */
  productions: readonly Production[];
  /** Higher index binds tighter; every level has one associativity. */
  precedence: readonly { assoc: 'left' | 'right' | 'nonassoc'; tokens: readonly string[] }[];
}

export type Action = { type: 'shift'; state: number } | { type: 'reduce'; rule: number } | { type: 'accept' };

export interface ParseTables {
  /** Explicit actions per state, keyed by terminal. */
  actions: Map<string, Action>[];
  /** The reduction taken on any other token, if the state has one. */
  defaultReduction: (number | undefined)[];
  gotos: Map<string, number>[];
  /** Terminals with an explicit action, in numbering order: what Bison lists as "expecting". */
  expected: string[][];
}

interface Item {
  rule: number;
  dot: number;
}

const END_MARK = '#';

export function buildTables(spec: GrammarSpec): ParseTables {
  const { productions } = spec;
  const terminalSet = new Set(spec.terminals);
  const isTerminal = (symbol: string) => terminalSet.has(symbol);
  const byLhs = new Map<string, number[]>();
  productions.forEach((production, index) => {
    const list = byLhs.get(production.lhs) ?? [];
    list.push(index);
    byLhs.set(production.lhs, list);
  });

  // FIRST sets and nullability of the nonterminals.
  const nullable = new Set<string>();
  const first = new Map<string, Set<string>>();
  for (const lhs of byLhs.keys()) first.set(lhs, new Set());
  for (let changed = true; changed; ) {
    changed = false;
    for (const production of productions) {
      const target = first.get(production.lhs) as Set<string>;
      let allNullable = true;
      for (const symbol of production.rhs) {
        const before = target.size;
        if (isTerminal(symbol)) target.add(symbol);
        else for (const t of first.get(symbol) ?? []) target.add(t);
        if (target.size !== before) changed = true;
        if (isTerminal(symbol) || !nullable.has(symbol)) {
          allNullable = false;
          break;
        }
      }
      if (allNullable && !nullable.has(production.lhs)) {
        nullable.add(production.lhs);
        changed = true;
      }
    }
  }
  const firstOfSequence = (symbols: readonly string[], lookahead: string): Set<string> => {
    const result = new Set<string>();
    for (const symbol of symbols) {
      if (isTerminal(symbol)) {
        result.add(symbol);
        return result;
      }
      for (const t of first.get(symbol) ?? []) result.add(t);
      if (!nullable.has(symbol)) return result;
    }
    result.add(lookahead);
    return result;
  };

  // LR(0) states, identified by their kernel items.
  const itemKey = (item: Item) => `${item.rule}.${item.dot}`;
  const closure0 = (kernel: Item[]): Item[] => {
    const items = [...kernel];
    const seen = new Set(items.map(itemKey));
    for (let i = 0; i < items.length; i++) {
      const symbol = productions[items[i].rule].rhs[items[i].dot];
      if (symbol === undefined || isTerminal(symbol)) continue;
      for (const rule of byLhs.get(symbol) ?? []) {
        const item = { rule, dot: 0 };
        if (!seen.has(itemKey(item))) {
          seen.add(itemKey(item));
          items.push(item);
        }
      }
    }
    return items;
  };
  const kernels: Item[][] = [[{ rule: 0, dot: 0 }]];
  const stateByKernel = new Map<string, number>([['0.0', 0]]);
  const transitions: Map<string, number>[] = [];
  for (let state = 0; state < kernels.length; state++) {
    const bySymbol = new Map<string, Item[]>();
    for (const item of closure0(kernels[state])) {
      const symbol = productions[item.rule].rhs[item.dot];
      if (symbol === undefined) continue;
      const moved = bySymbol.get(symbol) ?? [];
      moved.push({ rule: item.rule, dot: item.dot + 1 });
      bySymbol.set(symbol, moved);
    }
    const out = new Map<string, number>();
    for (const [symbol, kernel] of bySymbol) {
      const key = kernel.map(itemKey).sort().join(',');
      let target = stateByKernel.get(key);
      if (target === undefined) {
        target = kernels.length;
        kernels.push(kernel);
        stateByKernel.set(key, target);
      }
      out.set(symbol, target);
    }
    transitions.push(out);
  }

  // LALR(1) look-aheads of kernel items: spontaneous generation plus propagation
  // (the "#" trick), iterated to a fixed point.
  const lookaheads = kernels.map((kernel) => kernel.map(() => new Set<string>()));
  const kernelIndex = kernels.map((kernel) => new Map(kernel.map((item, index) => [itemKey(item), index])));
  const propagation: [number, number, number, number][] = [];
  kernels.forEach((kernel, state) => {
    kernel.forEach((kernelItem, from) => {
      for (const { item, lookahead } of closure1([{ item: kernelItem, lookahead: END_MARK }])) {
        const symbol = productions[item.rule].rhs[item.dot];
        if (symbol === undefined) continue;
        const target = transitions[state].get(symbol) as number;
        const to = kernelIndex[target].get(itemKey({ rule: item.rule, dot: item.dot + 1 })) as number;
        if (lookahead === END_MARK) propagation.push([state, from, target, to]);
        else lookaheads[target][to].add(lookahead);
      }
    });
  });
  for (let changed = true; changed; ) {
    changed = false;
    for (const [state, from, target, to] of propagation) {
      const destination = lookaheads[target][to];
      for (const t of lookaheads[state][from]) {
        if (!destination.has(t)) {
          destination.add(t);
          changed = true;
        }
      }
    }
  }

  function closure1(start: { item: Item; lookahead: string }[]) {
    const result = [...start];
    const seen = new Set(result.map((entry) => `${itemKey(entry.item)}/${entry.lookahead}`));
    for (let i = 0; i < result.length; i++) {
      const { item, lookahead } = result[i];
      const rhs = productions[item.rule].rhs;
      const symbol = rhs[item.dot];
      if (symbol === undefined || isTerminal(symbol)) continue;
      const follow = firstOfSequence(rhs.slice(item.dot + 1), lookahead);
      for (const rule of byLhs.get(symbol) ?? []) {
        for (const t of follow) {
          const key = `${rule}.0/${t}`;
          if (seen.has(key)) continue;
          seen.add(key);
          result.push({ item: { rule, dot: 0 }, lookahead: t });
        }
      }
    }
    return result;
  }

  // Precedence of tokens and rules.
  const tokenPrecedence = new Map<string, { level: number; assoc: 'left' | 'right' | 'nonassoc' }>();
  spec.precedence.forEach((level, index) => {
    for (const token of level.tokens) tokenPrecedence.set(token, { level: index + 1, assoc: level.assoc });
  });
  const rulePrecedence = productions.map((production) => {
    const lastToken = [...production.rhs].reverse().find(isTerminal);
    return lastToken === undefined ? undefined : tokenPrecedence.get(lastToken);
  });

  // Action tables.
  const order = new Map(spec.terminals.map((t, i) => [t, i]));
  const actions: Map<string, Action>[] = [];
  const defaultReduction: (number | undefined)[] = [];
  const gotos: Map<string, number>[] = [];
  const expected: string[][] = [];
  kernels.forEach((kernel, state) => {
    const row = new Map<string, Action>();
    const goto = new Map<string, number>();
    for (const [symbol, target] of transitions[state]) {
      if (!isTerminal(symbol)) goto.set(symbol, target);
      else if (symbol === '$end') row.set(symbol, { type: 'accept' });
      else row.set(symbol, { type: 'shift', state: target });
    }
    const reductionTokens = new Map<number, Set<string>>();
    kernel.forEach((item, index) => {
      if (item.dot < productions[item.rule].rhs.length) return;
      for (const t of lookaheads[state][index]) {
        const current = row.get(t);
        if (current?.type === 'reduce') {
          if (item.rule < current.rule) {
            reductionTokens.get(current.rule)?.delete(t);
            row.set(t, { type: 'reduce', rule: item.rule });
            addReduction(item.rule, t);
          }
          continue;
        }
        if (current?.type === 'shift' || current?.type === 'accept') {
          const ruleLevel = rulePrecedence[item.rule];
          const tokenLevel = tokenPrecedence.get(t);
          if (!ruleLevel || !tokenLevel) continue; // unresolved: shift
          if (tokenLevel.level > ruleLevel.level) continue;
          if (tokenLevel.level === ruleLevel.level) {
            if (tokenLevel.assoc === 'right') continue;
            if (tokenLevel.assoc === 'nonassoc') {
              row.delete(t);
              continue;
            }
          }
        }
        row.set(t, { type: 'reduce', rule: item.rule });
        addReduction(item.rule, t);
      }
    });
    function addReduction(rule: number, t: string) {
      const set = reductionTokens.get(rule) ?? new Set<string>();
      set.add(t);
      reductionTokens.set(rule, set);
    }
    // The most used reduction becomes the default (the lowest rule number on a tie).
    let best: number | undefined;
    for (const [rule, tokens] of [...reductionTokens].sort((a, b) => a[0] - b[0])) {
      if (tokens.size === 0) continue;
      if (best === undefined || tokens.size > (reductionTokens.get(best) as Set<string>).size) best = rule;
    }
    if (best !== undefined) for (const t of reductionTokens.get(best) as Set<string>) row.delete(t);
    actions.push(row);
    defaultReduction.push(best);
    gotos.push(goto);
    expected.push([...row.keys()].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
  });
  return { actions, defaultReduction, gotos, expected };
}
