/**
 * The one owner of the Lambda defaults: Node.js 24 on arm64, an ESM esbuild bundle with source maps and the
 * AWS SDK inside, X-Ray tracing, a log group with retention, and a dead-letter queue for the asynchronous
 * (scheduled) invocations.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';

export interface MonitorFunctionProps {
  /** Handler file under lambdas/, e.g. `check.ts`; it exports `handler`. */
  entry: string;
  environment: Record<string, string>;
  timeout: Duration;
  /** Default DEFAULT_MEMORY_MB. */
  memorySize?: number;
  reservedConcurrentExecutions?: number;
  /** Invoked asynchronously (a schedule, SNS): failed events go to a dead-letter queue. Default true. */
  asynchronous?: boolean;
  logRetention?: RetentionDays;
  /**
   * A registry file copied into the bundle as sources.json and named by SOURCES_FILE, so a deployment
   * can watch its own list without a code change (the handlers fall back to the bundled registry).
   */
  sourcesFile?: string;
  /** Reads PDFs (the worker): PDF.js ships beside the handler as its own file, loaded the first time a PDF arrives. */
  readsPdf?: boolean;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Sized from the worker, the heaviest handler measured. Memory: its bundle takes 88 MB of RSS once imported
 * and 110 MB after reading the largest fixture PDF (bench/results/bundle.md); a chunk's heap grows at most
 * 75 MB (bench/results/scale.md), the worst page accepted adds 145 MB over the parser's floor
 * (bench/results/page-limits.md) and a body up to 15 MB: about 345 MB at worst, so 384 MB would hold it.
 * CPU decides instead: Lambda gives CPU in proportion to memory (one vCPU at 1,769 MB), and that worst page
 * takes 2.5 s on a whole CPU, about 8.6 s at 512 MB (0.29 vCPU) and 11.4 s at 384 MB, past the 10 s page
 * budget (parsers/document/limits.ts), which would turn a page read today into an error. Hence 512 MB.
 * The publisher, which holds the whole export, asks for more.
 */
export const DEFAULT_MEMORY_MB = 512;

/** esbuild's ESM output has no `require`; CommonJS dependencies bundled into it still call it. */
const REQUIRE_BANNER = "import { createRequire as __fwCreateRequire } from 'node:module'; const require = __fwCreateRequire(import.meta.url);";

const quote = (text: string): string => `'${text.replace(/'/g, "'\\''")}'`;

/**
 * The PDF reader's import in parsers/parse-page.ts (a dynamic import of the package's own specifier). Every
 * bundle leaves it out; a function that reads PDFs gets it as pdf-reader.mjs beside index.mjs, and a
 * package.json whose "imports" maps the same specifier to that file, so that an HTML page never loads
 * PDF.js (1.6 MB minified): bench/results/bundle.md.
 */
export const PDF_READER = { specifier: '#parsers/document/pdf.ts', entry: 'parsers/document/pdf.ts', file: 'pdf-reader.mjs' } as const;

/**
 * Packages replaced in every handler's bundle by the part of them a Lambda function runs (paths from the
 * project root, esbuild's --alias): undici's entry loads all of undici (fetch, WebSocket, caches, mocks)
 * where the fetcher uses its Agent and request(), and the SDK's default credential chain carries SSO,
 * ini-file, process and web-identity providers with their own STS and SSO clients where Lambda gives
 * credentials in the environment. 0.37 MB less in the worker and the planner (bench/results/bundle.md).
 * The tests and the CLI run the packages themselves; test/infra/slim-bundle.test.ts runs the replacements.
 */
export const BUNDLE_ALIASES: Record<string, string> = {
  undici: './lambdas/bundle/undici-core.mjs',
  '@aws-sdk/credential-provider-node': './lambdas/bundle/lambda-credentials.mjs',
};

/** Shell commands run after the handler's bundle is built: the reader bundled with the handler's own settings, and its mapping. */
function pdfReaderCommands(input: string, output: string): string[] {
  const pkg = JSON.stringify({ type: 'module', imports: { [PDF_READER.specifier]: `./${PDF_READER.file}` } });
  return [
    [quote(`${input}/node_modules/.bin/esbuild`), quote(`${input}/${PDF_READER.entry}`), '--bundle', '--platform=node', '--format=esm', '--target=node24',
      '--minify', '--sourcemap', '--main-fields=module,main', '--log-level=error', quote(`--banner:js=${REQUIRE_BANNER}`),
      quote(`--outfile=${output}/${PDF_READER.file}`)].join(' '),
    `printf '%s' ${quote(pkg)} > ${quote(`${output}/package.json`)}`,
  ];
}

/** Bundling hooks: one file copied into the bundle as sources.json, and the PDF reader beside the handler. */
function afterBundling(sourcesFile: string | undefined, readsPdf: boolean): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (input: string, output: string) => [
      ...(sourcesFile ? [`cp ${quote(sourcesFile)} ${quote(`${output}/sources.json`)}`] : []),
      ...(readsPdf ? pdfReaderCommands(input, output) : []),
    ],
  };
}

/**
 * How every handler is bundled. The AWS SDK goes into the bundle (bundleAwsSDK): the functions run the
 * version package-lock.json pins and the tests ran, not whichever one the Lambda runtime carries.
 */
export function bundlingOptions(sourcesFile?: string, readsPdf = false): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    mainFields: ['module', 'main'],
    minify: true,
    sourceMap: true,
    target: 'node24',
    banner: REQUIRE_BANNER,
    bundleAwsSDK: true,
    // Setting the externals replaces CDK's default (the SDK, already bundled by bundleAwsSDK).
    externalModules: [PDF_READER.specifier],
    esbuildArgs: Object.fromEntries(Object.entries(BUNDLE_ALIASES).map(([name, path]) => [`--alias:${name}`, path])),
    ...(sourcesFile || readsPdf ? { commandHooks: afterBundling(sourcesFile, readsPdf) } : {}),
  };
}

export class MonitorFunction extends Construct {
  readonly fn: NodejsFunction;
  /** Receives asynchronous invocations that still failed after Lambda's own retries. */
  readonly deadLetterQueue?: Queue;

  constructor(scope: Construct, id: string, props: MonitorFunctionProps) {
    super(scope, id);
    if (props.asynchronous ?? true) {
      this.deadLetterQueue = new Queue(this, 'Dlq', { retentionPeriod: Duration.days(14), encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
    }
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention ?? RetentionDays.THREE_MONTHS });
    // An own role instead of AWSLambdaBasicExecutionRole: writing to this function's log group is all it gets.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `fundwatch ${props.entry}` });
    logGroup.grantWrite(role);
    this.fn = new NodejsFunction(this, 'Fn', {
      role,
      entry: `${ROOT}lambdas/${props.entry}`,
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: `${ROOT}package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? DEFAULT_MEMORY_MB,
      timeout: props.timeout,
      // Active: Lambda samples invocations and records their segments itself; no X-Ray SDK in the bundle (lambdas/telemetry.ts).
      tracing: Tracing.ACTIVE,
      // FUNDWATCH_FUNCTION names the handler in logs and metrics ("check", "notify", ...).
      environment: { ...props.environment, FUNDWATCH_FUNCTION: props.entry.replace(/\.ts$/, ''), NODE_OPTIONS: '--enable-source-maps',
        ...(props.sourcesFile ? { SOURCES_FILE: 'sources.json' } : {}) },
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      deadLetterQueue: this.deadLetterQueue,
      logGroup,
      bundling: bundlingOptions(props.sourcesFile, props.readsPdf),
    });
    Validations.of(role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Active tracing grants xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions; no other action of a function role is on every resource (test/infra/functions.test.ts).' });
  }
}
