/**
 * The project's layers, checked on every `npm test` (type imports included):
 *   bin -> cli / lambdas / infra -> io -> web -> core -> parsers -> lib
 * Data flows one way: nothing imports a layer above it, and no import runs in a circle.
 */
const OUTER = '^(bin|cli|lambdas|infra)/';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'A circle of imports (type imports too) means two modules that cannot be read apart.',
      from: {}, to: { circular: true } },
    { name: 'core-stays-pure', severity: 'error', comment: 'core/ decides; it never reaches adapters, handlers, presentation or infrastructure.',
      from: { path: '^core/' }, to: { path: ['^(io|web)/', OUTER] } },
    { name: 'core-speaks-no-http', severity: 'error', comment: 'HTTP and AWS belong to the adapters: core/ sees only its ports.',
      from: { path: '^core/' }, to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg'],
        path: ['^(node:)?(http|https|http2|tls|dgram|dns)$', '(^|/)node_modules/(undici|@aws-sdk|aws-cdk-lib|@aws-lambda-powertools|constructs)/'] } },
    { name: 'parsers-stand-alone', severity: 'error', comment: 'Parsing is pure over a page: it knows nothing of monitoring, storage or delivery.',
      from: { path: '^parsers/' }, to: { path: ['^(core|io|web)/', OUTER] } },
    { name: 'lib-knows-nothing-of-ours', severity: 'error', comment: 'lib/ holds generic mechanics any layer may use, so it may use none of them.',
      from: { path: '^lib/' }, to: { path: ['^(parsers|core|io|web)/', OUTER] } },
    { name: 'web-over-core', severity: 'error', comment: 'The pages and the site render what core gives them; the adapters serve them.',
      from: { path: '^web/' }, to: { path: ['^io/', OUTER] } },
    { name: 'io-below-entry-points', severity: 'error', comment: 'Adapters are wired by the entry points, never the other way round.',
      from: { path: '^io/' }, to: { path: OUTER } },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|cdk.out|test-artifacts|data)/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
