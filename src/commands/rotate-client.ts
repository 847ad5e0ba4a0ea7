import type { StoredCredential } from '../core/store/credential.js';
import type { CredentialStore } from '../core/store/credential-store.js';
import { EXIT_CODES } from '../errors.js';
import type { Runtime } from './runtime.js';

/**
 * `rotate --client`: one replacement per AS issuer among the selected credentials (a registration is
 * per issuer). Exit 0 when a new client was registered (the login command is printed), 2 when none of
 * the clients can be replaced (not dynamic, or no registration endpoint): the reason is printed.
 */
export async function runClientRotation(credentials: readonly StoredCredential[], store: CredentialStore, runtime: Runtime): Promise<number> {
  const { rotateClient } = await import('../core/rotate/rotate-client.js');
  const deps = { store, fetch: runtime.http.fetch, allowHttp: runtime.globals.allowHttp, now: runtime.deps.now };
  const byIssuer = new Map(credentials.map((credential) => [credential.issuer, credential]));
  const reports = [];
  for (const credential of byIssuer.values()) reports.push(await rotateClient(credential, deps));
  if (runtime.globals.json) runtime.deps.io.stdout.write(`${JSON.stringify({ clients: reports }, null, 2)}\n`);
  else {
    const { renderClientRotationHuman } = await import('../output/rotate-client-human.js');
    runtime.deps.io.stdout.write(renderClientRotationHuman(reports, runtime.style));
  }
  return reports.some((report) => report.status !== 'not-possible') ? EXIT_CODES.ok : EXIT_CODES.usage;
}
