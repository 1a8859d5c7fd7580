import { modelProblemRule } from '../modelProblemRule';

export const includeRecursion = modelProblemRule({
  id: 'include/recursion',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/core.html#include',
  summary: 'A file includes itself, directly or through others: Apache gives up after 128 levels.',
});
