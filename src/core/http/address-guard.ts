import { ADDRESS_CLASS_WORDS, classifyAddress, type AddressClass, type NetworkPolicy } from './address-policy.js';
import { HttpError } from './http-error.js';

/**
 * The rule for URLs a server gives us, applied to every request of a command: a host that resolves to
 * a loopback, private, link-local, metadata-service or reserved address is refused unless the user's
 * own target (the URL they typed, or a stored credential's server) is on that kind of network, or
 * --allow-private is given. Checked on the resolved addresses, all of them.
 *
 * DNS rebinding: a check on one answer and a connection made on another (a zero-TTL name that says
 * "public" first and 127.0.0.1 next) would let a server reach the intranet. So the transport that
 * connects (platform/node-fetch.ts) calls `admit` with the very addresses it hands to the socket, and
 * with `policy.checkedAtConnect` set, `check` looks at literal addresses only. Without it (an injected
 * fetch in tests), `check` resolves the name itself before the request.
 */
export interface AddressGuard {
  /** Before a request: a literal address always; a host name only when the transport cannot call `admit`. */
  check(url: URL): Promise<void>;
  /** At connect time: refuses (throws HttpError 'private-address') unless every address is allowed. */
  admit(url: URL, addresses: readonly string[]): Promise<void>;
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

  async function refuseUnlessAllowed(url: URL, classes: readonly AddressClass[]): Promise<void> {
    const trusted = await allowed();
    const refused = classes.find((c): c is Exclude<AddressClass, 'public'> => c !== 'public' && !trusted.has(c));
    if (refused === undefined) return;
    throw new HttpError('private-address', url.href, `refusing ${url.host}: it resolves to ${ADDRESS_CLASS_WORDS[refused]}, and a URL a server supplied may only lead to the kind of network the server you named is on`);
  }

  const exempt = (host: string | undefined): boolean => policy.allowPrivate || host === undefined || trustedHosts.has(host);

  return {
    trust,
    async check(url) {
      const host = hostOf(url.href);
      if (exempt(host) || host === undefined) return;
      if (policy.checkedAtConnect === true && classifyAddress(host) === undefined) return;
      // A name that does not resolve is left to fetch, which reports the DNS failure itself.
      await refuseUnlessAllowed(url, (await classesOf(host)) ?? []);
    },
    async admit(url, addresses) {
      if (exempt(hostOf(url.href))) return;
      await refuseUnlessAllowed(url, addresses.map((a) => classifyAddress(a) ?? 'reserved'));
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
