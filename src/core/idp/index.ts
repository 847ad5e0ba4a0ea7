/**
 * The ONE catalogue of identity providers (STYLE.md): data from /work/shared/reference/idp-quirks.md
 * plus small functions, consulted by discovery, login, probe, token inspect and scopes.
 *
 *   recognizeIdp({ issuer, metadata })  -> RecognizedIdp | undefined   (§16 signatures, with confidence)
 *   detectQuirks(ctx)                   -> DetectedQuirk[]             (metadata-visible quirks, ids of IDP_QUIRKS)
 *   IDP_PROVIDERS / IDP_QUIRKS          -> descriptors, fix texts and source links
 */
export { IDP_IDS, IDP_PROVIDERS } from './providers.js';
export type { IdpDescriptor, IdpId, LoopbackRule } from './providers.js';
export { recognizeIdp } from './recognize-idp.js';
export type { IdpConfidence, RecognizedIdp, RecognizeInput } from './recognize-idp.js';
export { IDP_QUIRK_IDS, IDP_QUIRKS } from './quirks.js';
export type { IdpQuirk, IdpQuirkId } from './quirks.js';
export { detectQuirks, isQualifiedEntraScope } from './detect-quirks.js';
export type { DetectedQuirk, QuirkContext } from './detect-quirks.js';
export { IDP_ERROR_PATTERNS, idpErrorHint, matchIdpError } from './error-patterns.js';
export type { IdpErrorMatch, IdpErrorPattern } from './error-patterns.js';
