import type { StoredCredential } from '../store/credential.js';
import { isFresh } from '../flows/refresh.js';

export interface RotationRequest {
  /** Seconds; absent: refresh now whatever the expiry (`rotate <url>`, `rotate --all`). */
  ifExpiringWithin?: number;
}

/**
 * Why a credential is (not) refreshed: 'forced' without a window; 'expiring' when its access token
 * ends within the window; 'fresh' otherwise; 'no-refresh-token' when a refresh is due but impossible.
 */
export type PlanReason = 'forced' | 'expiring' | 'fresh' | 'no-refresh-token';

export interface PlannedRotation {
  credential: StoredCredential;
  refresh: boolean;
  reason: PlanReason;
}

/** Decides, from metadata only (no secrets, no network), which credentials to refresh now. */
export function planRotation(credentials: readonly StoredCredential[], request: RotationRequest, now: Date): PlannedRotation[] {
  return credentials.map((credential) => {
    const window = request.ifExpiringWithin;
    // Same freshness rule as getFreshAccessToken, so the plan and the locked re-check agree.
    if (window !== undefined && isFresh(credential, now, window * 1000)) return { credential, refresh: false, reason: 'fresh' };
    if (!credential.refreshAvailable) return { credential, refresh: false, reason: 'no-refresh-token' };
    return { credential, refresh: true, reason: window === undefined ? 'forced' : 'expiring' };
  });
}
