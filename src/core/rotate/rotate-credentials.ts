import { CliError } from '../../errors.js';
import { getFreshAccessToken, type FreshTokenDeps } from '../flows/refresh.js';
import type { StoredCredential } from '../store/credential.js';
import type { PlannedRotation } from './rotation-plan.js';
import { loginCommandFor, summariseRotation, type RotationFailure, type RotationOutcome, type RotationReport } from './rotation-report.js';

export interface RotateDeps extends FreshTokenDeps {
  /** Turns any thrown error into code + sentence (the command passes its error mapping). */
  describeError(error: unknown): RotationFailure;
}

/**
 * Runs a plan. Every refresh goes through getFreshAccessToken: it holds the store lock, re-reads the
 * entry, and persists rotated tokens before returning, so concurrent processes spend a refresh token
 * at most once (dependency-notes gotcha 6). A failure for one server does not stop the others.
 */
export async function rotateCredentials(plan: readonly PlannedRotation[], deps: RotateDeps, ifExpiringWithin?: number): Promise<RotationReport> {
  const outcomes: RotationOutcome[] = [];
  for (const item of plan) outcomes.push(await rotateOne(item, deps, ifExpiringWithin));
  return summariseRotation(outcomes, ifExpiringWithin);
}

async function rotateOne(item: PlannedRotation, deps: RotateDeps, ifExpiringWithin: number | undefined): Promise<RotationOutcome> {
  const { credential } = item;
  const base = baseOutcome(credential);
  if (item.reason === 'fresh') return { ...base, status: 'fresh' };
  if (!item.refresh) return { ...base, status: 'login-needed', loginCommand: loginCommandFor(credential.serverUrl) };
  try {
    const before = await deps.store.readSecrets(credential);
    const options = ifExpiringWithin === undefined ? { forceRefresh: true } : { minValiditySeconds: ifExpiringWithin };
    const fresh = await getFreshAccessToken(credential.serverUrl, deps, options);
    const expiry = fresh.expiresAt === undefined ? {} : { expiresAt: fresh.expiresAt };
    if (!fresh.refreshed) return { ...base, ...expiry, status: fresh.credential.updatedAt === credential.updatedAt ? 'fresh' : 'refreshed-elsewhere' };
    const after = await deps.store.readSecrets(fresh.credential);
    const rotated = after.refreshToken !== undefined && after.refreshToken !== before.refreshToken;
    return { ...base, ...expiry, status: 'rotated', refreshTokenRotated: rotated };
  } catch (error) {
    const failure = deps.describeError(error);
    if (error instanceof CliError && error.code === 'auth') {
      return { ...base, status: 'login-needed', loginCommand: loginCommandFor(credential.serverUrl), failure };
    }
    return { ...base, status: 'failed', failure };
  }
}

function baseOutcome(credential: StoredCredential): RotationOutcome {
  const outcome: RotationOutcome = { serverUrl: credential.serverUrl, resource: credential.resource, issuer: credential.issuer, status: 'fresh' };
  if (credential.accessTokenExpiresAt !== undefined) outcome.previousExpiresAt = credential.accessTokenExpiresAt;
  return outcome;
}
