import { isIP } from 'node:net';

/**
 * Where an address leads. Anything but 'public' is a network a server-supplied URL must not make us
 * reach (MCP Security Best Practices §Server-Side Request Forgery (SSRF)): a hostile PRM or AS
 * metadata could otherwise aim mcpauth at the cloud metadata service or the intranet.
 */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'metadata' | 'reserved';

// Cloud metadata services: AWS/GCP/Azure/OCI 169.254.169.254, AWS ECS 169.254.170.2, AWS DNS
// 169.254.169.253, Alibaba 100.100.100.200, Azure WireServer 168.63.129.16, Oracle 192.0.0.192.
const METADATA_V4 = new Set(['169.254.169.254', '169.254.170.2', '169.254.169.253', '100.100.100.200', '168.63.129.16', '192.0.0.192']);
const METADATA_V6 = new Set(['fd00:ec2::254', 'fd00:ec2::23']);

function v4Octets(address: string): number[] | undefined {
  const parts = address.split('.').map(Number);
  return parts.length === 4 && parts.every((n) => Number.isInteger(n) && n >= 0 && n <= 255) ? parts : undefined;
}

function classifyV4(address: string): AddressClass {
  const o = v4Octets(address);
  if (o === undefined) return 'reserved';
  const [a = 0, b = 0] = o;
  if (METADATA_V4.has(address)) return 'metadata';
  // 0.0.0.0/8 reaches this machine on Linux and macOS.
  if (a === 127 || a === 0) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  // CGNAT 100.64/10, IETF 192.0.0/24, benchmarking 198.18/15.
  if ((a === 100 && b >= 64 && b <= 127) || (a === 192 && b === 0 && o[2] === 0) || (a === 198 && (b === 18 || b === 19))) return 'private';
  if (a >= 224) return 'reserved';
  return 'public';
}

/** Expands an IPv6 address to eight 16-bit groups (an embedded IPv4 tail included). */
function v6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase().split('%')[0] ?? '';
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1] !== undefined) {
    const o = v4Octets(v4[1]);
    if (o === undefined) return undefined;
    text = `${text.slice(0, -v4[1].length)}${((o[0] ?? 0) * 256 + (o[1] ?? 0)).toString(16)}:${((o[2] ?? 0) * 256 + (o[3] ?? 0)).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(Math.max(fill, 0)).fill('0'), ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

function classifyV6(address: string): AddressClass {
  const g = v6Groups(address);
  if (g === undefined) return 'reserved';
  const canonical = g.map((x) => x.toString(16)).join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
  if (METADATA_V6.has(canonical)) return 'metadata';
  const first = g[0] ?? 0;
  const embedded = `${(g[6] ?? 0) >> 8}.${(g[6] ?? 0) & 255}.${(g[7] ?? 0) >> 8}.${(g[7] ?? 0) & 255}`;
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible) and 64:ff9b::/96 (NAT64) lead to an IPv4 address.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0) && (g[6] !== 0 || (g[7] ?? 0) > 1)) return classifyV4(embedded);
  if (first === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyV4(embedded);
  if (g.every((x, i) => x === (i === 7 ? 1 : 0)) || g.every((x) => x === 0)) return 'loopback';
  if ((first & 0xfe00) === 0xfc00) return 'private'; // fc00::/7, fd00::/8 included
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xff00) === 0xff00) return 'reserved';
  return 'public';
}

/** The class of a literal IP address (brackets allowed); undefined for a host name. */
export function classifyAddress(address: string): AddressClass | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare.split('%')[0] ?? '');
  if (family === 4) return classifyV4(bare);
  if (family === 6) return classifyV6(bare);
  return undefined;
}

/** What the HTTP client needs to apply the rule; the addresses come from the platform's resolver. */
export interface NetworkPolicy {
  /** `--allow-private`: no address is refused. */
  allowPrivate: boolean;
  /** Host name -> its addresses (all of them: one private answer is enough to refuse). */
  resolve(hostname: string): Promise<string[]>;
  /** The transport calls the guard's `admit` with the addresses it connects to; names need no earlier check. */
  checkedAtConnect?: boolean;
}

/** Human words for a refusal message. */
export const ADDRESS_CLASS_WORDS: Readonly<Record<Exclude<AddressClass, 'public'>, string>> = {
  loopback: 'a loopback address',
  private: 'a private-network address',
  'link-local': 'a link-local address',
  metadata: 'a cloud metadata-service address',
  reserved: 'a reserved or multicast address',
};
