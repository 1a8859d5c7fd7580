import { modelProblemRule } from '../modelProblemRule';

export const undefinedVariable = modelProblemRule({
  id: 'define/undefined-variable',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/core.html#define',
  summary: '`${NAME}` is used where neither `Define` nor the environment gives it a value (AH00111); the text stays as written.',
});
