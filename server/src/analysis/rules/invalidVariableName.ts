import { modelProblemRule } from '../modelProblemRule';

export const invalidVariableName = modelProblemRule({
  id: 'define/invalid-name',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/core.html#define',
  summary: '`Define` with a name containing `:`, which Apache refuses.',
});
