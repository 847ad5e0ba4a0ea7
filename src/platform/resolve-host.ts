import { lookup } from 'node:dns/promises';

export interface ResolvedAddress {
  address: string;
  /** 4 or 6. */
  family: number;
}

/** Every address a host name resolves to, in the resolver's order (the OS resolver, /etc/hosts included). */
export async function resolveAddresses(hostname: string): Promise<ResolvedAddress[]> {
  return lookup(hostname, { all: true, verbatim: true });
}

/** Every address a host name resolves to, as fetch would see them. */
export async function resolveHost(hostname: string): Promise<string[]> {
  return (await resolveAddresses(hostname)).map((answer) => answer.address);
}
