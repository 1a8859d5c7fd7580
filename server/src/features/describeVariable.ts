// Hover and completion text for expression variables (`%{SSL_CLIENT_VERIFY}`).
import { lookupVariable, type VariableFact } from '../knowledge/variables';
import variableData from '../knowledge/variables.json';

export function describeVariable(name: string): string | undefined {
  const found = lookupVariable(name);
  if (!found) return undefined;
  const spelled = found.exact ? '' : `\n\nApache reads this as \`${found.canonical}\`; write it that way.`;
  return variableCard(found.fact, found.canonical) + spelled;
}

function variableCard(fact: VariableFact, shown: string): string {
  const lines = [`**%{${shown}}** · ${fact.provider}`, '', fact.meaning];
  if (fact.values?.length) lines.push('', `Values: ${fact.values.map((v) => `\`${v}\``).join(', ')}`);
  if (fact.examples.length) lines.push('', `Example: \`${fact.examples[0]}\``);
  return lines.join('\n');
}

/** Variables offered after `%{`: every fixed name (families are written out by the user). */
export const COMPLETION_VARIABLES: readonly { name: string; description: string }[] = (variableData.variables as VariableFact[])
  .filter((fact) => !fact.pattern && !fact.name.includes('<'))
  .map((fact) => ({ name: fact.name, description: variableCard(fact, fact.name) }));
