#!/usr/bin/env node
// Builds the fundwatch command to JavaScript in dist/ (gitignored), so that a start runs no TypeScript
// compiler: `npm ci` builds it (the `prepare` script), `npm test` rebuilds it, `npm run build:watch`
// rebuilds on every change. The project's own modules are bundled (the `#core/*` imports resolve through
// package.json "imports"); packages stay in node_modules. Code splitting puts each command's
// implementation, imported lazily by cli/command-groups.ts, in its own chunk: `--help` loads none of
// them and a query never loads the fetcher, the PDF reader or the SES client.
//
// dist/inputs.json lists the source files the build read; bin/fundwatch.mjs runs the sources instead of
// dist/ when one of them changed after the build, so a stale build is never run.
//
// Usage: node scripts/build-cli.mjs [--watch]
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = resolve(ROOT, 'dist');

/**
 * A few modules find files next to themselves (`new URL('./sources.json', import.meta.url)`). Bundled,
 * import.meta.url is the chunk's URL in dist/, so each such module gets its own URL back, relative to
 * dist/: the build stays correct wherever the project folder is moved.
 */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromDist = relative(DIST, args.path).split('\\').join('/');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/** Records the project files the build read, for bin/fundwatch.mjs's staleness check. */
const inputsList = {
  name: 'inputs-list',
  setup(build) {
    let started = 0;
    // The list goes first, so that a fundwatch started during the build runs the sources; the old chunks stay
    // until the new ones are written, so one started just before still finds every file it imports.
    build.onStart(async () => { started = Date.now(); await rm(resolve(DIST, 'inputs.json'), { force: true }); });
    build.onEnd(async (result) => {
      if (!result.metafile) return;
      const files = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules')).sort();
      // The previous build's chunks that this one no longer has (chunk names are content hashes).
      const outputs = new Set(Object.keys(result.metafile.outputs).map((f) => relative(DIST, resolve(ROOT, f))));
      for (const old of await readdir(DIST)) if (old.endsWith('.mjs') && !outputs.has(old)) await rm(resolve(DIST, old), { force: true });
      await writeFile(resolve(DIST, 'inputs.json'), `${JSON.stringify({ builtAt: started, files }, null, 1)}\n`);
      console.log(`fundwatch CLI built into dist/ (${files.length} source files)`);
    });
  },
};

const options = {
  absWorkingDir: ROOT,
  entryPoints: { cli: 'cli/main.ts' },
  outdir: DIST,
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  packages: 'external',
  metafile: true,
  logLevel: 'warning',
  plugins: [ownUrl, inputsList],
};

if (process.argv.includes('--watch')) {
  const context = await esbuild.context(options);
  await context.watch();
  console.log('watching the CLI sources; Ctrl-C stops');
} else {
  await esbuild.build(options);
}
