/**
 * The undici Agent every request (robots.txt, pages, each redirect hop) goes through. Its connector is
 * the last gate before a socket opens: the address must be public (names through guardLookup, IP
 * literals directly, since net.connect never asks a resolver about those) and the port 80 or 443.
 * The one exception is an explicit local origin (the routed offline replay server, a test server):
 * exactly that address, or that host name, on exactly that port.
 */
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { AddressRefusedError, assertPublic, guardLookup } from './address-guard.ts';
import { ALLOWED_PORTS, portOf } from './allowlist.ts';

export interface ConnectPolicy {
  connectTimeoutMs: number;
  /** The resolver to guard; the system's when left out. */
  lookup?: LookupFunction;
  /** Origins like http://127.0.0.1:PORT that may be connected to although local and off-port; set by code, never by data. */
  localOrigins: string[];
}

/** A connection refused for its port; exchange() turns it into a FetchError naming the URL. */
export class PortRefusedError extends Error {
  override name = 'PortRefusedError';
  constructor(readonly host: string, readonly port: number) {
    super(`port ${port} on ${host} is never connected to (only 80 and 443)`);
  }
}

export function createGuardedAgent(policy: ConnectPolicy): Agent {
  const strict = buildConnector({ timeout: policy.connectTimeoutMs, lookup: guardLookup(policy.lookup) });
  const locals = localConnectors(policy);
  const connect: buildConnector.connector = (options, callback) => {
    const host = options.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    const local = locals.get(port);
    if (local?.names.has(host.toLowerCase())) {
      local.named(options, callback);
      return;
    }
    try {
      if (!local && !ALLOWED_PORTS.has(port)) throw new PortRefusedError(host, port);
      if (isIP(host)) assertPublic(host, host, local?.addresses);
    } catch (refused) {
      callback(refused as AddressRefusedError | PortRefusedError, null);
      return;
    }
    (local?.connector ?? strict)(options, callback);
  };
  return new Agent({ connect });
}

interface LocalConnector {
  /** Local origins given as addresses: allowed on this port, whatever name resolved to them. */
  addresses: Set<string>;
  connector: buildConnector.connector;
  /** Local origins given as host names (a test routing to an unresolvable name): connected to as named. */
  names: Set<string>;
  named: buildConnector.connector;
}

/** One connector per local origin's port; on it, that origin is allowed and every other address stays guarded. */
function localConnectors(policy: ConnectPolicy): Map<number, LocalConnector> {
  const byPort = new Map<number, LocalConnector>();
  for (const origin of policy.localOrigins) {
    const url = new URL(origin);
    const port = portOf(url);
    let local = byPort.get(port);
    if (!local) {
      const addresses = new Set<string>();
      local = { addresses, names: new Set(), connector: buildConnector({ timeout: policy.connectTimeoutMs, lookup: guardLookup(policy.lookup, addresses) }),
        named: buildConnector({ timeout: policy.connectTimeoutMs, ...(policy.lookup ? { lookup: policy.lookup } : {}) }) };
      byPort.set(port, local);
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    (isIP(host) ? local.addresses : local.names).add(host.toLowerCase());
  }
  return byPort;
}
