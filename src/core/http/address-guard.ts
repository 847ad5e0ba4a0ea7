import { ADDRESS_CLASS_WORDS, classifyAddress, type AddressClass, type NetworkPolicy } from './address-policy.js';
import { HttpError } from './http-error.js';

/**
 * The rule for URLs a server gives us, applied to every request of a command: a host that resolves to
 * a loopback, private, link-local, metadata-service or reserved address is refused unless the user's
 * own target (the URL they typed, or a stored credential's server) is on that kind of network, or
 * --allow-private is given. Checked on the resolved addresses, all of them.
 *
 * Limit: the check resolves the name just before fetch connects, and fetch resolves it again; a DNS
 * rebinding server with a zero TTL could answer differently the second time (Node's fetch offers no
 * connect-time hook without undici, which is not a dependency).
 */
export interface AddressGuard {
  check(url: URL): Promise<void>;
  /** Marks a URL as the user's own target: its host, and the kinds of network it is on, are allowed. */
  trust(url: string): void;
}

export function createAddressGuard(policy: NetworkPolicy, targets: readonly string[] = []): AddressGuard {
  const trustedHosts = new Set<string>();
  const lookups = new Map<string, Promise<AddressClass[] | undefined>>();
  let trustedClasses: Promise<Set<AddressClass>> | undefined;

  const classesOf = (host: string): Promise<AddressClass[] | undefined> => {
    let found = lookups.get(host);
    if (found === undefined) {
      const literal = classifyAddress(host);
      found = literal !== undefined ? Promise.resolve([literal]) : policy.resolve(host).then((addresses) => addresses.map((a) => classifyAddress(a) ?? 'reserved'), () => undefined);
      lookups.set(host, found);
    }
    return found;
  };

  const trust = (raw: string): void => {
    const host = hostOf(raw);
    if (host === undefined) return;
    trustedHosts.add(host);
    trustedClasses = undefined;
  };
  for (const target of targets) trust(target);

  async function allowed(): Promise<Set<AddressClass>> {
    trustedClasses ??= Promise.all([...trustedHosts].map(classesOf)).then((lists) => new Set(lists.flatMap((list) => list ?? [])));
    return trustedClasses;
  }

  return {
    trust,
    async check(url) {
      const host = hostOf(url.href);
      if (policy.allowPrivate || host === undefined || trustedHosts.has(host)) return;
      // A name that does not resolve is left to fetch, which reports the DNS failure itself.
      const classes = (await classesOf(host)) ?? [];
      const trusted = await allowed();
      const refused = classes.find((c): c is Exclude<AddressClass, 'public'> => c !== 'public' && !trusted.has(c));
      if (refused === undefined) return;
      throw new HttpError('private-address', url.href, `refusing ${url.host}: it resolves to ${ADDRESS_CLASS_WORDS[refused]}, and a URL a server supplied may only lead to the kind of network the server you named is on`);
    },
  };
}

function hostOf(raw: string): string | undefined {
  try {
    return new URL(raw).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}
