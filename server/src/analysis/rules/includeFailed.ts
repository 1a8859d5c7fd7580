import { modelProblemRule } from '../modelProblemRule';

export const includeFailed = modelProblemRule({
  id: 'include/failed',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/core.html#include',
  summary: '`Include` names a file that cannot be read, or a wildcard that matches nothing (`IncludeOptional` would not mind).',
});
