import type { ErrorCode } from '../../errors.js';
import { formatCommand } from '../../output/shell-quote.js';

/**
 * What `rotate` did for one stored credential.
 * - rotated: this process ran the refresh grant and stored the new tokens;
 * - refreshed-elsewhere: another process (rotate, call, token print) refreshed while we waited for
 *   the store lock, so nothing was spent here (single-flight, see flows/refresh.ts);
 * - fresh: not expiring within --if-expiring-within, nothing to do;
 * - login-needed: no refresh token, or the AS rejected it (expired, revoked, already used);
 * - failed: the refresh could not be attempted or gave no answer (network, protocol); the refresh
 *   token is kept, because the AS never said it was consumed.
 */
export type RotationStatus = 'rotated' | 'refreshed-elsewhere' | 'fresh' | 'login-needed' | 'failed';

/** The overall answer, for cron: 'rotated' and 'nothing-to-do' both exit 0. */
export type RotationResult = 'rotated' | 'nothing-to-do' | 'login-needed' | 'failed';

export interface RotationFailure {
  code: ErrorCode;
  message: string;
  hint?: string;
}

export interface RotationOutcome {
  serverUrl: string;
  resource: string;
  issuer: string;
  status: RotationStatus;
  /** Access-token expiry before (ISO); absent when the AS gave no expires_in. */
  previousExpiresAt?: string;
  /** Access-token expiry after (ISO), for rotated / refreshed-elsewhere. */
  expiresAt?: string;
  /** The AS returned a new refresh token (rotation); undefined when no refresh ran here. */
  refreshTokenRotated?: boolean;
  /** The command that gets a new grant, for login-needed. */
  loginCommand?: string;
  failure?: RotationFailure;
}

export interface RotationReport {
  result: RotationResult;
  /** Seconds of --if-expiring-within, when given. */
  ifExpiringWithin?: number;
  outcomes: RotationOutcome[];
}

export function summariseRotation(outcomes: RotationOutcome[], ifExpiringWithin: number | undefined): RotationReport {
  const has = (status: RotationStatus) => outcomes.some((outcome) => outcome.status === status);
  const result: RotationResult = has('login-needed') ? 'login-needed' : has('failed') ? 'failed' : has('rotated') ? 'rotated' : 'nothing-to-do';
  return ifExpiringWithin === undefined ? { result, outcomes } : { result, ifExpiringWithin, outcomes };
}

/** A paste-safe command line (POSIX quoting: this text also goes into --json). */
export function loginCommandFor(serverUrl: string): string {
  return formatCommand(['mcpauth', 'login', serverUrl]);
}
