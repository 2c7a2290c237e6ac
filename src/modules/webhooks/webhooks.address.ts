// Where a webhook may be sent (SSRF). The sender POSTs to addresses that vendors and municipalities type in, from
// inside the platform's network; in production an endpoint must be https and its host must not be, or resolve to, an
// address of the machine itself or of a private network — checked when the endpoint is added and again before each
// send (a name may be pointed elsewhere after it was checked).
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const forbidden = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  forbidden.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  forbidden.addSubnet(network, prefix, 'ipv6');

/** Whether an IP address is the machine's own or a private, link-local or unique-local network's (or not an IP at all). */
export function isForbiddenAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 0) return true;
  if (version === 4) return forbidden.check(address, 'ipv4');
  // 0::/16 holds the unspecified and loopback addresses and the IPv4-mapped and -compatible ones, which would reach an
  // IPv4 address around the rules above; no public unicast address is there.
  if (new URL(`http://[${address}]/`).hostname.startsWith('[::')) return true;
  return forbidden.check(address, 'ipv6');
}

/** Resolves a host name to every address it has (A and AAAA). */
export type AddressLookup = (host: string) => Promise<string[]>;

const lookupAll: AddressLookup = async (host) => (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Why a webhook may not go to an address: not https, a name that does not resolve, or an address inside a network. */
export type AddressRefusal = { why: 'https' | 'unresolvable' | 'internal'; detail: string };

/**
 * Why a webhook may not be sent to `url` — undefined when it may. Outside production anything the form accepts may
 * (http to this machine for a developer's receiver); in production the address must be https and its host must not
 * be, or resolve to, a forbidden address (every address it resolves to is checked). A name that does not resolve is
 * refused too.
 */
export async function refusedEndpointAddress(
  url: string,
  options: { production: boolean; lookup?: AddressLookup | undefined },
): Promise<AddressRefusal | undefined> {
  if (!options.production) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { why: 'https', detail: 'not an address' };
  }
  if (parsed.protocol !== 'https:') return { why: 'https', detail: 'only https is sent to' };
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (options.lookup ?? lookupAll)(host);
    } catch (error) {
      return { why: 'unresolvable', detail: `${host} does not resolve (${error instanceof Error ? error.message : String(error)})` };
    }
    if (addresses.length === 0) return { why: 'unresolvable', detail: `${host} does not resolve` };
  }
  const inside = addresses.find(isForbiddenAddress);
  return inside === undefined ? undefined : { why: 'internal', detail: `${host} resolves to ${inside}, inside a private or local network` };
}
