/** A programmable local HTTP server: each test says how each host and path answers, and reads what arrived. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export interface TestServer {
  origin: string;
  /** Routes by "host path", e.g. "www.jst.go.jp /aspire/"; "robots" answers 404 unless a route is given. */
  route(hostAndPath: string, handler: Route): void;
  requests: Array<{ host: string; path: string; headers: IncomingMessage['headers'] }>;
  inFlightMax: number;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const hits = new Map<string, number>();
  let inFlight = 0;
  const state: Pick<TestServer, 'requests' | 'inFlightMax'> = { requests: [], inFlightMax: 0 };
  const server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const key = `${host} ${req.url}`;
    state.requests.push({ host, path: req.url ?? '', headers: req.headers });
    inFlight += 1;
    state.inFlightMax = Math.max(state.inFlightMax, inFlight);
    res.on('close', () => { inFlight -= 1; });
    const hit = (hits.get(key) ?? 0) + 1;
    hits.set(key, hit);
    const handler = routes.get(key);
    if (handler) handler(req, res, hit);
    else res.writeHead(404).end('no route');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    origin: `http://127.0.0.1:${port}`,
    route: (hostAndPath: string, handler: Route) => { routes.set(hostAndPath, handler); },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  });
}
