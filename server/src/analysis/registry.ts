// Every rule, in one table. The order is the order findings of equal position are listed in.
import { argumentCount } from './rules/argumentCount';
import { argumentValue } from './rules/argumentValue';
import { backslashBeforeBlanks } from './rules/backslashBeforeBlanks';
import { commentContinuation } from './rules/commentContinuation';
import { contextNotAllowed } from './rules/contextNotAllowed';
import { exprIntegerOperatorOnString } from './rules/exprIntegerOperatorOnString';
import { exprParseError } from './rules/exprParseError';
import { exprUnknownSslVariable } from './rules/exprUnknownSslVariable';
import { ifModuleBadName } from './rules/ifModuleBadName';
import { ifVersionInvalid } from './rules/ifVersionInvalid';
import { includeFailed } from './rules/includeFailed';
import { includeRecursion } from './rules/includeRecursion';
import { invalidVariableName } from './rules/invalidVariableName';
import { modulesUnknown } from './rules/modulesUnknown';
import { undefinedVariable } from './rules/undefinedVariable';
import { mismatchedClose } from './rules/mismatchedClose';
import { missingBracket } from './rules/missingBracket';
import { nameVirtualHost } from './rules/nameVirtualHost';
import { notText } from './rules/notText';
import { sectionArguments } from './rules/sectionArguments';
import { strayClose } from './rules/strayClose';
import { trailingComment } from './rules/trailingComment';
import { unclosedSection } from './rules/unclosedSection';
import { unknownDirective } from './rules/unknownDirective';
import { vhostDuplicateName } from './rules/vhostDuplicateName';
import { vhostNoListen } from './rules/vhostNoListen';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [
  notText,
  unclosedSection,
  mismatchedClose,
  strayClose,
  missingBracket,
  sectionArguments,
  includeFailed,
  includeRecursion,
  invalidVariableName,
  undefinedVariable,
  ifVersionInvalid,
  unknownDirective,
  modulesUnknown,
  contextNotAllowed,
  argumentCount,
  argumentValue,
  ifModuleBadName,
  nameVirtualHost,
  vhostDuplicateName,
  vhostNoListen,
  trailingComment,
  backslashBeforeBlanks,
  commentContinuation,
  exprParseError,
  exprIntegerOperatorOnString,
  exprUnknownSslVariable,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
