// Rules whose findings the configuration model already made while reading
// the tree the way Apache does; the rule only decides how they are shown.
import type { ModelProblem } from '../config/buildConfigModel';
import type { Rule } from './types';

export function modelProblemRule(rule: Omit<Rule, 'check'> & { id: ModelProblem['rule'] }): Rule {
  return {
    ...rule,
    check({ scope, report }) {
      for (const problem of scope.problems) if (problem.rule === rule.id) report({ range: problem.range, message: problem.message });
    },
  };
}
