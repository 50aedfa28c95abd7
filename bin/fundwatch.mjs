#!/usr/bin/env node
// The fundwatch command. The sources are TypeScript, run through tsx so that `npx fundwatch` works
// straight after `npm install`, on the Node 24 that the project pins (node_modules/.bin/node).
import { register } from 'tsx/esm/api';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`fundwatch: needs Node.js 24 (this is ${process.version}); run it as \`npx fundwatch\` ` +
    'inside the project, which uses the Node 24 that `npm install` put in node_modules\n');
  process.exit(1);
}
register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv);
