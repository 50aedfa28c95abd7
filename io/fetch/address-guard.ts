/**
 * Which addresses the fetcher may connect to. The allowlist names hosts, but DNS decides where a name
 * points, and an agency name (or a redirect to one) could resolve to this machine, the cloud metadata
 * service or a private network. So the address is checked at the moment of connecting, on the very
 * answer the socket is about to use: no second lookup in between for DNS rebinding to slip through.
 */
import type { LookupAddress, LookupAllOptions, LookupOptions } from 'node:dns';
import { lookup as systemLookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Ranges never connected to, most specific first: the first match names the address in the error. */
const REFUSED: Array<[range: string, subnets: Array<[prefix: string, bits: number]>]> = [
  ['cloud metadata', [['169.254.169.254', 32], ['fd00:ec2::254', 128]]],
  ['unspecified', [['0.0.0.0', 8], ['::', 128]]],
  ['loopback', [['127.0.0.0', 8], ['::1', 128]]],
  ['private', [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16]]],
  ['shared (carrier-grade NAT)', [['100.64.0.0', 10]]],
  ['link-local', [['169.254.0.0', 16], ['fe80::', 10]]],
  ['unique-local', [['fc00::', 7]]],
  ['broadcast', [['255.255.255.255', 32]]],
  ['multicast', [['224.0.0.0', 4], ['ff00::', 8]]],
  // Protocol assignments, documentation, benchmarking and future-use ranges: never an agency's web server.
  ['reserved', [['192.0.0.0', 24], ['192.0.2.0', 24], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['240.0.0.0', 4], ['2001:db8::', 32]]],
];

// BlockList matches an IPv4-mapped IPv6 address (::ffff:127.0.0.1, ::ffff:7f00:1) against the IPv4 rules too.
const LISTS = REFUSED.map(([range, subnets]): [string, BlockList] => {
  const list = new BlockList();
  for (const [prefix, bits] of subnets) list.addSubnet(prefix, bits, isIP(prefix) === 6 ? 'ipv6' : 'ipv4');
  return [range, list];
});

/**
 * The refused range an address falls in, or undefined for a public address.
 * @example addressClass('::ffff:127.0.0.1') // 'loopback'
 */
export function addressClass(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'malformed';
  const type = family === 6 ? 'ipv6' : 'ipv4';
  return LISTS.find(([, list]) => list.check(address, type))?.[0];
}

/** A connection refused for where it would go; exchange() turns it into a FetchError naming the URL. */
export class AddressRefusedError extends Error {
  override name = 'AddressRefusedError';
  constructor(readonly host: string, readonly address: string, readonly range: string) {
    super(host === address ? `${address} is a ${range} address` : `${host} resolved to ${address}, a ${range} address`);
  }
}

const NONE: ReadonlySet<string> = new Set();

/** Throws AddressRefusedError unless the address is public or one the caller explicitly allows. */
export function assertPublic(host: string, address: string, allowed: ReadonlySet<string> = NONE): void {
  const range = allowed.has(address) ? undefined : addressClass(address);
  if (range) throw new AddressRefusedError(host, address, range);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Wraps a resolver so that a name is refused when ANY of its addresses is not public. Picking only the
 * good ones would also be safe for this connection, but an agency name with an internal address is a
 * broken or hostile zone: saying so beats quietly connecting, and there is no legitimate mix to support.
 * All addresses are asked for even when the caller wants one, so no answer goes unchecked.
 */
export function guardLookup(inner: LookupFunction = systemLookup as unknown as LookupFunction, allowed: ReadonlySet<string> = NONE): LookupFunction {
  return ((hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const all: LookupAllOptions = { ...options, all: true };
    inner(hostname, all, (err, answers) => {
      if (err) return callback(err, '', 0);
      const list = answers as LookupAddress[];
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      try {
        for (const { address } of list) assertPublic(hostname, address, allowed);
      } catch (refused) {
        return callback(refused as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) callback(null, list);
      else callback(null, list[0]!.address, list[0]!.family);
    });
  }) as LookupFunction;
}
