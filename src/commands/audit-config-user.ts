import { homedir, platform } from 'node:os';
import type { AuditFileSystem } from '../core/audit/audit-fs.js';
import type { AuditReport } from '../core/audit/finding.js';
import type { Platform } from '../core/clients/client.js';
import type { Runtime } from './runtime.js';

/** Wiring for `audit-config --user`: this machine's OS and home folder (HOME / USERPROFILE first, so tests can point it elsewhere). */
export async function auditUserSetup(runtime: Runtime, common: { suppressed: ReadonlySet<string>; now: Date; maxFileBytes?: number }, fs: AuditFileSystem): Promise<AuditReport> {
  const { auditUserSetup: audit } = await import('../core/audit/user-setup.js');
  const { env } = runtime.deps;
  const os = platform();
  const host = { platform: (os === 'win32' || os === 'darwin' ? os : 'linux') as Platform, home: env.HOME ?? env.USERPROFILE ?? homedir(), env };
  return audit({ ...common, host }, fs);
}
