/**
 * The part of undici the fetcher uses (io/fetch: Agent, buildConnector, request, errors), put in place of
 * the package in the Lambda bundles (BUNDLE_ALIASES in infra/constructs/monitor-function.ts). undici's
 * own entry loads everything it has (fetch, WebSocket, caches, mocks, cookies, EventSource): 537 KB
 * minified, of which the fetcher needs 302 (bench/README.md). The tests and the CLI use
 * the package itself; test/infra/slim-bundle.test.ts fetches through this one.
 */
import Agent from '../../node_modules/undici/lib/dispatcher/agent.js';
import Dispatcher from '../../node_modules/undici/lib/dispatcher/dispatcher.js';
import api from '../../node_modules/undici/lib/api/index.js';
import buildConnector from '../../node_modules/undici/lib/core/connect.js';
import errors from '../../node_modules/undici/lib/core/errors.js';
import util from '../../node_modules/undici/lib/core/util.js';

// As undici's index.js does: every dispatcher gets request(), stream(), pipeline(), upgrade(), connect().
Object.assign(Dispatcher.prototype, api);

/**
 * undici's top-level request() for the one way the fetcher calls it: a URL and options naming the dispatcher.
 * @param {string | URL} url
 * @param {{ dispatcher: object, method?: string, body?: unknown }} opts
 */
function request(url, opts) {
  if (!opts?.dispatcher) throw new errors.InvalidArgumentError('this bundle\'s undici has no global dispatcher: pass opts.dispatcher');
  const parsed = util.parseURL(url);
  return api.request.call(opts.dispatcher, { ...opts, origin: parsed.origin, path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname,
    method: opts.method || (opts.body ? 'PUT' : 'GET') });
}

export { Agent, buildConnector, errors, request };
