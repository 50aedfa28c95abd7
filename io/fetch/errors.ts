/** Fetch failures: one class, a code per cause, the retry policy on the error, and a next step in the message. */
export type FetchErrorCode =
  | 'bad-url' | 'host-not-allowed' | 'redirect-off-allowlist' | 'redirect-loop' | 'too-many-redirects' | 'robots-disallowed'
  | 'address-not-allowed' | 'timeout' | 'too-large' | 'http-status' | 'network';

const NEXT_STEP: Record<FetchErrorCode, string> = {
  'bad-url': 'fix the URL in the sources registry',
  'host-not-allowed': 'add the host to the allowlist only if it is an agency site',
  'redirect-off-allowlist': 'the page moved off the agency sites: check it by hand and update the registry',
  'redirect-loop': 'the site redirects in a circle: check the URL in a browser and update the registry',
  'too-many-redirects': 'the page is behind a long redirect chain: put its final URL in the registry',
  'address-not-allowed': 'an agency name pointing at a local, private or metadata address is a broken or hijacked DNS zone: check the DNS records of the host (dig) and tell the agency; fundwatch never connects there',
  'robots-disallowed': 'fundwatch obeys robots.txt: if the site stays closed to crawlers, remove the source or ask the agency',
  timeout: 'the site is slow or down: it will be retried next cycle',
  'too-large': 'the response is larger than the size cap: check the URL points at the page, not an archive',
  'http-status': 'check the URL in a browser; a 404 usually means the page moved',
  network: 'the site could not be reached: it will be retried next cycle',
};

/** A failing or busy server is weather, not a moved page: the advice depends on the status. */
function nextStep(code: FetchErrorCode, status: number | undefined): string {
  if (code === 'http-status' && status !== undefined && (status >= 500 || status === 429)) return 'the site is failing or busy: it will be retried next cycle';
  return NEXT_STEP[code];
}

export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly code: FetchErrorCode,
    readonly url: string,
    detail: string,
    readonly retryable = false,
    options?: { cause?: unknown; status?: number; retryAfterMs?: number },
  ) {
    super(`${detail} (${url}); ${nextStep(code, options?.status)}`, { cause: options?.cause });
    this.status = options?.status;
    this.retryAfterMs = options?.retryAfterMs;
  }
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
}

/** The one place that decides whether a failure is worth another attempt. */
export function isRetryable(err: unknown): err is FetchError {
  return err instanceof FetchError && err.retryable;
}
