import { lookup } from 'node:dns/promises';

/** Every address a host name resolves to, as fetch would see them (the OS resolver, /etc/hosts included). */
export async function resolveHost(hostname: string): Promise<string[]> {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}
