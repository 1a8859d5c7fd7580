import { modelProblemRule } from '../modelProblemRule';

export const includeTooLarge = modelProblemRule({
  id: 'include/too-large',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/core.html#include',
  summary: '`Include` reaches more than 20 000 files and folders, or more than 16 MiB of text (a path such as `/usr`): what lies beyond is not read or checked.',
});
