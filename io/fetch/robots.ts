/**
 * robots.txt, read once per origin per fetcher and kept for the run. 404 (any 4xx) allows everything;
 * a 5xx or an unreachable robots.txt closes the site for this run, as the robots standard advises.
 */
import robotsParserModule from 'robots-parser';
import { FetchError } from './errors.ts';
import type { RawResponse } from './exchange.ts';

/** The token fundwatch answers to in robots.txt groups. */
export const ROBOTS_TOKEN = 'fundwatch';

interface Robots {
  isDisallowed(url: string, ua?: string): boolean | undefined;
}
// robots-parser is CommonJS; its default export is the parser function itself.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => Robots;

export type RobotsGate = (url: URL) => Promise<void>;

/** Returns a check that throws 'robots-disallowed' for a page the site's robots.txt keeps fundwatch away from. */
export function createRobotsGate(read: (robotsUrl: URL) => Promise<RawResponse>): RobotsGate {
  const byOrigin = new Map<string, Promise<Robots | FetchError>>();
  const robotsFor = (url: URL): Promise<Robots | FetchError> => {
    let robots = byOrigin.get(url.origin);
    if (!robots) {
      robots = load(new URL('/robots.txt', url.origin), read);
      byOrigin.set(url.origin, robots);
    }
    return robots;
  };
  return async (url) => {
    const robots = await robotsFor(url);
    if (robots instanceof FetchError) throw robots;
    if (robots.isDisallowed(url.href, ROBOTS_TOKEN)) throw new FetchError('robots-disallowed', url.href, 'robots.txt disallows this page');
  };
}

async function load(robotsUrl: URL, read: (robotsUrl: URL) => Promise<RawResponse>): Promise<Robots | FetchError> {
  // An unreachable or failing robots.txt means the site is down, not that it forbids us: say so, and that the
  // next cycle tries again (a network failure, not a robots refusal).
  const closed = (why: string): FetchError =>
    new FetchError('network', robotsUrl.href, `${why}, so the site is treated as closed for this run`);
  try {
    const res = await read(robotsUrl);
    if (res.status >= 500) return closed(`robots.txt answered HTTP ${res.status}`);
    return robotsParser(robotsUrl.href, res.status === 200 ? Buffer.from(res.body).toString('utf8') : '');
  } catch (err) {
    // A refused address is not the site being down: keep the refusal, so the page fails with the real reason.
    if (err instanceof FetchError && err.code === 'address-not-allowed') return err;
    return closed(`robots.txt could not be read (${(err as Error).message})`);
  }
}
