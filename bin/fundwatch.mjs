#!/usr/bin/env node
// The fundwatch command, on the Node 24 that the project pins (node_modules/.bin/node). It runs the
// JavaScript build in dist/ that `npm ci` makes (scripts/build-cli.mjs, the `prepare` script), which starts
// without compiling anything. Without a build, or when a source file it was built from changed since, it
// runs the TypeScript sources through tsx instead, so a stale build is never what runs.
import { readFileSync, statSync } from 'node:fs';
import { enableCompileCache } from 'node:module';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`fundwatch: needs Node.js 24 (this is ${process.version}); run it as \`npx fundwatch\` ` +
    'inside the project, which uses the Node 24 that `npm install` put in node_modules\n');
  process.exit(1);
}

// V8's compiled code for the modules a start loads, kept on disk (os.tmpdir()/node-compile-cache, or
// NODE_COMPILE_CACHE) and reused while they are unchanged: the next start skips most of the compiling.
enableCompileCache();

const ROOT = new URL('../', import.meta.url);

/** True when dist/ holds a build that no source file has changed since (dist/inputs.json lists them). */
function freshBuild() {
  try {
    const { builtAt, files } = JSON.parse(readFileSync(new URL('dist/inputs.json', ROOT), 'utf8'));
    return files.every((file) => statSync(new URL(file, ROOT)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

async function loadMain() {
  if (freshBuild()) return (await import('../dist/cli.mjs')).main;
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../cli/main.ts')).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv);
