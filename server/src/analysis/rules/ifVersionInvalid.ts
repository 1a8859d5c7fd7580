import { modelProblemRule } from '../modelProblemRule';

export const ifVersionInvalid = modelProblemRule({
  id: 'core/ifversion-invalid',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_version.html#ifversion',
  summary: '`<IfVersion>` with a version or operator mod_version cannot read.',
});
