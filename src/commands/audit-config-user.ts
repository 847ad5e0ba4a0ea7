import type { AuditFileSystem } from '../core/audit/audit-fs.js';
import type { AuditReport } from '../core/audit/finding.js';
import { notAvailable } from './command-context.js';
import type { Runtime } from './runtime.js';

export async function auditUserSetup(_runtime: Runtime, _common: { suppressed: ReadonlySet<string>; now: Date; maxFileBytes?: number }, _fs: AuditFileSystem): Promise<AuditReport> {
  throw notAvailable('audit-config --user');
}
