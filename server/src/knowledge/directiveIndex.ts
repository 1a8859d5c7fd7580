// Looks up directives by name (case-insensitive, as Apache does) and suggests
// the nearest known names for a misspelling.
import directiveData from './directives.json';

export interface DirectiveFact {
  name: string;
  module: string;
  allowed: string;
}

export interface DirectiveIndex {
  lookup(name: string): DirectiveFact | undefined;
  suggest(name: string, max?: number): string[];
  all(): readonly DirectiveFact[];
}

export function createDirectiveIndex(facts: readonly DirectiveFact[] = directiveData.directives): DirectiveIndex {
  const byName = new Map<string, DirectiveFact>();
  for (const fact of facts) if (!byName.has(fact.name.toLowerCase())) byName.set(fact.name.toLowerCase(), fact);
  const names = [...byName.values()].map((fact) => fact.name);
  return {
    lookup: (name) => byName.get(name.toLowerCase()),
    all: () => facts,
    suggest(name, max = 3) {
      const wanted = name.toLowerCase();
      const limit = Math.max(2, Math.floor(wanted.length / 4));
      return names
        .filter((candidate) => candidate.startsWith('<') === wanted.startsWith('<'))
        .map((candidate) => ({ candidate, distance: editDistance(wanted, candidate.toLowerCase(), limit) }))
        .filter(({ distance }) => distance <= limit)
        .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
        .slice(0, max)
        .map(({ candidate }) => candidate);
    },
  };
}

/** Optimal string alignment distance; gives up early once every path exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previousRow: number[] = [];
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const beforePrevious = previousRow;
    previousRow = row;
    row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previousRow[j] + 1, row[j - 1] + 1, previousRow[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, beforePrevious[j - 2] + 1);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
  }
  return row[b.length];
}
