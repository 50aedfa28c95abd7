/**
 * The AWS SDK's credential chain as a Lambda function needs it, put in place of
 * @aws-sdk/credential-provider-node in the Lambda bundles (BUNDLE_ALIASES in
 * infra/constructs/monitor-function.ts): Lambda hands a function its role's credentials in the
 * environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so the SSO, ini-file,
 * process, web-identity and instance-metadata providers of the default chain, and the STS/SSO clients
 * they carry, never run there (137 KB in each bundle: bench/README.md). Local runs and the
 * tests use the SDK's own chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * The default chain reduced to its first link. Unmemoized: each signing reads the environment again,
 * a few property reads, and so always signs with what Lambda last put there.
 * @param {Parameters<typeof fromEnv>[0]} [init]
 */
export const defaultProvider = (init = {}) => fromEnv(init);
/** @param {{ expiration?: Date } | undefined} credentials */
export const credentialsWillNeedRefresh = (credentials) => credentials?.expiration !== undefined;
/** @param {{ expiration?: Date } | undefined} credentials */
export const credentialsTreatedAsExpired = (credentials) => credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
