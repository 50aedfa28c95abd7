/**
 * The worker's bundle as the stack builds it: PDF.js stays out of the handler's module and ships beside it
 * (PDF_READER in infra/constructs/monitor-function.ts), found through the bundle's own package.json the
 * first time a PDF arrives.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { bundlingOptions, MonitorFunction, PDF_READER } from '../../infra/constructs/monitor-function.ts';

const PDF = resolve('fixtures/sites/www.jst.go.jp/inter/english/reference_information_overseas_2025.pdf/v1.pdf');

describe('the worker bundled with its PDF reader', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'fundwatch-pdf-'));
  let asset: string;
  beforeAll(() => {
    const app = new App({ outdir });
    new MonitorFunction(new Stack(app, 'Worker'), 'Worker', { entry: 'check-chunk.ts', environment: { TABLE_NAME: 'table' }, timeout: Duration.minutes(1), readsPdf: true });
    app.synth();
    asset = join(outdir, readdirSync(outdir).find((d) => d.startsWith('asset.') && existsSync(join(outdir, d, 'index.mjs')))!);
  }, 180_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('leaves PDF.js out of the handler module and ships it as a file of its own', () => {
    const handler = readFileSync(join(asset, 'index.mjs'), 'utf8');
    const reader = readFileSync(join(asset, PDF_READER.file), 'utf8');

    expect(handler).toContain(JSON.stringify(PDF_READER.specifier));
    expect(handler).not.toContain('Invalid PDF structure'); // PDF.js's own message
    expect(reader).toContain('Invalid PDF structure');
    // The slim undici and credential chain (BUNDLE_ALIASES; test/infra/slim-bundle.test.ts) reach the stack's own bundle too.
    expect(handler).not.toContain('WebSocketStream');
    expect(handler).not.toContain('defaultProvider::fromSSO');
    expect(JSON.parse(readFileSync(join(asset, 'package.json'), 'utf8'))).toEqual({ type: 'module', imports: { [PDF_READER.specifier]: `./${PDF_READER.file}` } });
  });

  it('reads a PDF through the specifier the handler imports, as Lambda would from the bundle folder', () => {
    const probe = join(asset, 'probe.mjs');
    writeFileSync(probe, `const { pdfToDocument } = await import(${JSON.stringify(PDF_READER.specifier)});
const doc = await pdfToDocument(new Uint8Array((await import('node:fs')).readFileSync(process.argv[2])), 'https://example.org/a.pdf');
console.log(doc.blocks.length);`);

    const blocks = Number(execFileSync(process.execPath, [probe, PDF], { cwd: asset }).toString().trim());

    expect(blocks).toBeGreaterThan(0);
  });

  it('builds no reader for a function that reads no PDF, and every bundle leaves the reader out', () => {
    expect(bundlingOptions().commandHooks).toBeUndefined();
    expect(bundlingOptions('parsers/sources.json').commandHooks!.afterBundling('/in', '/out')).toEqual([`cp 'parsers/sources.json' '/out/sources.json'`]);
    expect(bundlingOptions(undefined, true).externalModules).toEqual([PDF_READER.specifier]);
  });
});
