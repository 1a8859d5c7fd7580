// Every rule, in one table. The order is the order findings of equal position are listed in.
import { argumentCount } from './rules/argumentCount';
import { argumentValue } from './rules/argumentValue';
import { optionsMix } from './rules/optionsMix';
import { rewriteFlags } from './rules/rewriteFlags';
import { headerArguments } from './rules/headerArguments';
import { requireProviderArguments } from './rules/requireProviderArguments';
import { cipherProtocol } from './rules/cipherProtocol';
import { backslashBeforeBlanks } from './rules/backslashBeforeBlanks';
import { commentContinuation } from './rules/commentContinuation';
import { contextNotAllowed } from './rules/contextNotAllowed';
import { exprIntegerOperatorOnString } from './rules/exprIntegerOperatorOnString';
import { exprParseError } from './rules/exprParseError';
import { exprUnknownSslVariable } from './rules/exprUnknownSslVariable';
import { exprSslRequireCompareSemantics } from './rules/exprSslRequireCompareSemantics';
import { exprClientVerifyLiteral } from './rules/exprClientVerifyLiteral';
import { exprWordOperators } from './rules/exprWordOperators';
import { exprQuoting } from './rules/exprQuoting';
import { ifModuleBadName } from './rules/ifModuleBadName';
import { ifVersionInvalid } from './rules/ifVersionInvalid';
import { includeFailed } from './rules/includeFailed';
import { includeTooLarge } from './rules/includeTooLarge';
import { includeRecursion } from './rules/includeRecursion';
import { invalidVariableName } from './rules/invalidVariableName';
import { modulesUnknown } from './rules/modulesUnknown';
import { undefinedVariable } from './rules/undefinedVariable';
import { macroUse } from './rules/macroUse';
import { judgeExpansionsWith, macroExpansion } from './rules/macroExpansion';
import { mismatchedClose } from './rules/mismatchedClose';
import { missingBracket } from './rules/missingBracket';
import { nameVirtualHost } from './rules/nameVirtualHost';
import { notText } from './rules/notText';
import { sectionArguments } from './rules/sectionArguments';
import { elseWithoutIf } from './rules/elseWithoutIf';
import { emptyRequireSection } from './rules/emptyRequireSection';
import { negativeRequire } from './rules/negativeRequire';
import { strayClose } from './rules/strayClose';
import { trailingComment } from './rules/trailingComment';
import { unclosedSection } from './rules/unclosedSection';
import { unknownDirective } from './rules/unknownDirective';
import { vhostDuplicateName } from './rules/vhostDuplicateName';
import { vhostNoListen } from './rules/vhostNoListen';
import { perDirClientAuth } from './rules/perDirClientAuth';
import { perDirVerifyDepth } from './rules/perDirVerifyDepth';
import { perDirCipherSuite } from './rules/perDirCipherSuite';
import { tls13CipherInDir } from './rules/tls13CipherInDir';
import { perDirVerifyRelaxIneffective } from './rules/perDirVerifyRelaxIneffective';
import { verifyWithoutCa } from './rules/verifyWithoutCa';
import { caPerDir } from './rules/caPerDir';
import { optionalNoCa } from './rules/optionalNoCa';
import { requireNeedsVerifyClient } from './rules/requireNeedsVerifyClient';
import { sniMtlsVhostMismatch } from './rules/sniMtlsVhostMismatch';
import { sslRequireBypassable } from './rules/sslRequireBypassable';
import { renegBuffer } from './rules/renegBuffer';
import { frontendDirectiveInProxySection } from './rules/frontendDirectiveInProxySection';
import { verifyDepthValue } from './rules/verifyDepthValue';
import { accessCompat } from './rules/accessCompat';
import { sslChainfileDeprecated } from './rules/sslChainfileDeprecated';
import { sslCipherNoMatch } from './rules/sslCipherNoMatch';
import { sslCiphersuiteNotTls13 } from './rules/sslCiphersuiteNotTls13';
import { sslCompression } from './rules/sslCompression';
import { sslEngineOptionalRemoved } from './rules/sslEngineOptionalRemoved';
import { sslInsecureRenegotiation } from './rules/sslInsecureRenegotiation';
import { sslNoProtocols } from './rules/sslNoProtocols';
import { sslNoSessionCache } from './rules/sslNoSessionCache';
import { sslProtocolMissingSign } from './rules/sslProtocolMissingSign';
import { sslProtocolSslv2 } from './rules/sslProtocolSslv2';
import { sslProtocolSslv3 } from './rules/sslProtocolSslv3';
import { sslProtocolTls1011 } from './rules/sslProtocolTls1011';
import { sslProxyCheckPeerCnLegacy } from './rules/sslProxyCheckPeerCnLegacy';
import { sslRequiresslPreferRequireSsl } from './rules/sslRequiresslPreferRequireSsl';
import { sslSessionTickets } from './rules/sslSessionTickets';
import { sslSsllogRemoved } from './rules/sslSsllogRemoved';
import { sslSslrequireDeprecated } from './rules/sslSslrequireDeprecated';
import { sslStaplingCacheMissing } from './rules/sslStaplingCacheMissing';
import { sslStaplingNoIssuer } from './rules/sslStaplingNoIssuer';
import { sslStaplingNoOcsp } from './rules/sslStaplingNoOcsp';
import { sslWeakCipher } from './rules/sslWeakCipher';
import { sslEngineWithoutCertificate } from './rules/sslEngineWithoutCertificate';
import { sslCertificateWithoutKey } from './rules/sslCertificateWithoutKey';
import { sslCertWithoutEngine } from './rules/sslCertWithoutEngine';
import { proxyHttpsBackendNeedsEngine } from './rules/proxyHttpsBackendNeedsEngine';
import { proxySslProxyEngineUnused } from './rules/proxySslProxyEngineUnused';
import { proxySslProxyVerifyWithoutCa } from './rules/proxySslProxyVerifyWithoutCa';
import { proxyBackendNotVerified } from './rules/proxyBackendNotVerified';
import { proxyPeerChecksDisabled } from './rules/proxyPeerChecksDisabled';
import { proxyHttpsIpLiteral } from './rules/proxyHttpsIpLiteral';
import { proxyPreserveHostTlsName } from './rules/proxyPreserveHostTlsName';
import { proxyMissingProxyPassReverse } from './rules/proxyMissingProxyPassReverse';
import { proxyTrailingSlashMismatch } from './rules/proxyTrailingSlashMismatch';
import { proxyRuleShadowed } from './rules/proxyRuleShadowed';
import { proxyLocationVsServerProxyPass } from './rules/proxyLocationVsServerProxyPass';
import { proxyOpenForwardProxy } from './rules/proxyOpenForwardProxy';
import { proxyWorkerSharing } from './rules/proxyWorkerSharing';
import { proxySetUnknownTarget } from './rules/proxySetUnknownTarget';
import { proxyBadParams } from './rules/proxyBadParams';
import { schemeModuleMissing } from './rules/schemeModuleMissing';
import { socacheModuleMissing } from './rules/socacheModuleMissing';
import { unknownAuthzProvider } from './rules/unknownAuthzProvider';
import { unknownAuthnProvider } from './rules/unknownAuthnProvider';
import { unknownFilterProvider } from './rules/unknownFilterProvider';
import { proxyPassArgsInLocation } from './rules/proxyPassArgsInLocation';
import { proxyPassInLocationMatch } from './rules/proxyPassInLocationMatch';
import { clientHeaderSpoofable } from './rules/clientHeaderSpoofable';
import { exportCertDataNeeded } from './rules/exportCertDataNeeded';
import { certFileMissing } from './rules/certFileMissing';
import { logDirectoryMissing } from './rules/logDirectoryMissing';
import { loadFileMissing } from './rules/loadFileMissing';
import { moduleNotInFile } from './rules/moduleNotInFile';
import { sslPassphraseDialogMissing } from './rules/sslPassphraseDialogMissing';
import { sslRandomSeedMissing } from './rules/sslRandomSeedMissing';
import { documentRootMissing } from './rules/documentRootMissing';
import { directoryMissing } from './rules/directoryMissing';
import { suexecMissing } from './rules/suexecMissing';
import { removedDirective } from './rules/removedDirective';
import { errorDirective } from './rules/errorDirective';
import { accountUnknown } from './rules/accountUnknown';
import { userRoot } from './rules/userRoot';
import { certFileNotRead } from './rules/certFileNotRead';
import { certBadCertificateFile } from './rules/certBadCertificateFile';
import { certBadKeyFile } from './rules/certBadKeyFile';
import { certKeyMismatch } from './rules/certKeyMismatch';
import { certChainOrder } from './rules/certChainOrder';
import { certChainBroken } from './rules/certChainBroken';
import { certExpired } from './rules/certExpired';
import { certExpiresSoon } from './rules/certExpiresSoon';
import { certNotYetValid } from './rules/certNotYetValid';
import { certNameMismatch } from './rules/certNameMismatch';
import { certServerCertIsCa } from './rules/certServerCertIsCa';
import { certWeakKey } from './rules/certWeakKey';
import { certSha1Signature } from './rules/certSha1Signature';
import { certCafileNoCerts } from './rules/certCafileNoCerts';
import { certCafileNonCa } from './rules/certCafileNonCa';
import { certCafileExpired } from './rules/certCafileExpired';
import { certCafileNoRoot } from './rules/certCafileNoRoot';
import { certClientCaIsPublicPki } from './rules/certClientCaIsPublicPki';
import { certCapathNotHashed } from './rules/certCapathNotHashed';
import { certCrlConfig } from './rules/certCrlConfig';
import { certCrlExpired } from './rules/certCrlExpired';
import { certCrlMissing } from './rules/certCrlMissing';
import { certEncryptedKey } from './rules/certEncryptedKey';
import { certProxyMachineCert } from './rules/certProxyMachineCert';
import { certClientCaNoClientAuth } from './rules/certClientCaNoClientAuth';
import { certVerifyDepthShort } from './rules/certVerifyDepthShort';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [
  notText,
  unclosedSection,
  mismatchedClose,
  strayClose,
  missingBracket,
  sectionArguments,
  elseWithoutIf,
  emptyRequireSection,
  negativeRequire,
  includeFailed,
  includeTooLarge,
  includeRecursion,
  invalidVariableName,
  undefinedVariable,
  macroUse,
  macroExpansion,
  ifVersionInvalid,
  unknownDirective,
  modulesUnknown,
  contextNotAllowed,
  argumentCount,
  argumentValue,
  requireProviderArguments,
  optionsMix,
  cipherProtocol,
  rewriteFlags,
  headerArguments,
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
  exprSslRequireCompareSemantics,
  exprClientVerifyLiteral,
  exprWordOperators,
  exprQuoting,
  perDirClientAuth,
  perDirVerifyDepth,
  perDirCipherSuite,
  tls13CipherInDir,
  perDirVerifyRelaxIneffective,
  verifyWithoutCa,
  caPerDir,
  optionalNoCa,
  requireNeedsVerifyClient,
  sniMtlsVhostMismatch,
  sslRequireBypassable,
  renegBuffer,
  frontendDirectiveInProxySection,
  verifyDepthValue,
  // Deprecated, obsolete and insecure TLS settings (RULES.md §4).
  sslChainfileDeprecated,
  sslSslrequireDeprecated,
  sslRequiresslPreferRequireSsl,
  sslProtocolSslv2,
  sslProtocolSslv3,
  sslProtocolTls1011,
  sslProtocolMissingSign,
  sslNoProtocols,
  sslWeakCipher,
  sslCipherNoMatch,
  sslCiphersuiteNotTls13,
  sslCompression,
  sslInsecureRenegotiation,
  sslEngineOptionalRemoved,
  sslSsllogRemoved,
  sslStaplingCacheMissing,
  sslStaplingNoOcsp,
  sslStaplingNoIssuer,
  sslNoSessionCache,
  sslSessionTickets,
  sslProxyCheckPeerCnLegacy,
  accessCompat,
  // Missing pieces between mod_ssl and mod_proxy (RULES.md §5, CTX002, CTX003).
  sslEngineWithoutCertificate,
  sslCertificateWithoutKey,
  sslCertWithoutEngine,
  proxyHttpsBackendNeedsEngine,
  proxySslProxyEngineUnused,
  proxySslProxyVerifyWithoutCa,
  proxyBackendNotVerified,
  proxyPeerChecksDisabled,
  proxyHttpsIpLiteral,
  proxyPreserveHostTlsName,
  proxyMissingProxyPassReverse,
  proxyTrailingSlashMismatch,
  proxyRuleShadowed,
  proxyLocationVsServerProxyPass,
  proxyOpenForwardProxy,
  proxyWorkerSharing,
  proxySetUnknownTarget,
  proxyBadParams,
  schemeModuleMissing,
  socacheModuleMissing,
  unknownAuthzProvider,
  unknownAuthnProvider,
  unknownFilterProvider,
  proxyPassArgsInLocation,
  proxyPassInLocationMatch,
  clientHeaderSpoofable,
  exportCertDataNeeded,
  // Certificate files (RULES.md §6).
  certFileMissing,
  certFileNotRead,
  // Other files and folders Apache looks for while reading the configuration.
  sslPassphraseDialogMissing,
  sslRandomSeedMissing,
  loadFileMissing,
  moduleNotInFile,
  logDirectoryMissing,
  documentRootMissing,
  directoryMissing,
  suexecMissing,
  removedDirective,
  errorDirective,
  accountUnknown,
  userRoot,
  certBadCertificateFile,
  certBadKeyFile,
  certKeyMismatch,
  certChainOrder,
  certChainBroken,
  certExpired,
  certExpiresSoon,
  certNotYetValid,
  certNameMismatch,
  certServerCertIsCa,
  certWeakKey,
  certSha1Signature,
  // CA, CRL and proxy client-certificate files (RULES.md §6).
  certCafileNoCerts,
  certCafileNonCa,
  certCafileExpired,
  certCafileNoRoot,
  certClientCaIsPublicPki,
  certCapathNotHashed,
  certCrlConfig,
  certCrlExpired,
  certCrlMissing,
  certEncryptedKey,
  certProxyMachineCert,
  certClientCaNoClientAuth,
  certVerifyDepthShort,
];

// What a Use expands to is judged by every rule Apache's config test shares; that rule cannot import this table.
judgeExpansionsWith(RULES);

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
