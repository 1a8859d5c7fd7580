// Whether a directive or section may stand in a chain of enclosing contexts,
// judged the way Apache's context checks judge it. Shared by the context rule
// and by completion, which offers only what is allowed at the cursor.
import type { DirectiveFact } from '../knowledge/directiveIndex';
import type { ContextSummary, EnclosingContext } from './enclosingContexts';

export type Placements = Partial<Record<EnclosingContext['kind'], boolean>>;

const PLACEMENTS = new WeakMap<DirectiveFact, Placements | undefined>();

/** Where `fact` may be written; undefined when unknown (then it is never reported). Computed once per fact. */
export function placementsOf(fact: DirectiveFact): Placements | undefined {
  if (PLACEMENTS.has(fact)) return PLACEMENTS.get(fact);
  // Sections and directives alike: where apache2 -t accepted them when the data was generated.
  const placements = fact.contexts && { ...fact.contexts, htaccess: fact.htaccess };
  PLACEMENTS.set(fact, placements);
  return placements;
}

/**
 * The context that refuses the directive, if any. The innermost context must
 * allow it; enclosing per-directory sections must too (Apache's checks look
 * at every enclosing <Directory>, <Location>, <Files> and <If>), but a
 * per-directory section inside a <VirtualHost> is judged by itself.
 */
export function blockingContext(context: ContextSummary, placements: Placements): EnclosingContext | undefined {
  if (context.unjudged) return undefined;
  if (!placements[context.innermost.kind]) return context.innermost;
  if (context.top.kind === 'htaccess' && !placements.htaccess) return context.top;
  for (const [kind, enclosing] of context.perDirectory) if (!placements[kind]) return enclosing;
  return undefined;
}
