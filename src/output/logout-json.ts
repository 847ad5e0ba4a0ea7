import type { LogoutOutcome } from '../core/store/logout.js';

/** `logout --json`: one outcome per credential (no token values by construction). */
export function renderLogoutJson(outcomes: LogoutOutcome[]): string {
  return `${JSON.stringify({ loggedOut: outcomes }, null, 2)}\n`;
}
