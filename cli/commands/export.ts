/** `fundwatch export --out DIR`: the store's complete history as JSON Lines, one file per entity (docs/export.md). */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { EXPORT_ENTITIES, exportStore, type ExportEntity } from '#core/analyst/export.ts';
import { openStoreTarget, type StoreTargetOptions } from '../store-target.ts';

export async function exportCommand(options: StoreTargetOptions & { out: string }, out: (line: string) => void = console.log, now = new Date()): Promise<void> {
  const dir = resolve(options.out);
  await mkdir(dir, { recursive: true });
  const target = await openStoreTarget(options);
  const files = new Map<ExportEntity, WriteStream>(EXPORT_ENTITIES.map((e) => [e, createWriteStream(join(dir, `${e}.jsonl`), { encoding: 'utf8' })]));
  try {
    const counts = await exportStore(target.store, now, async (entity, record) => {
      const stream = files.get(entity)!;
      if (!stream.write(`${JSON.stringify(record)}\n`)) await once(stream, 'drain');
    });
    out(`Exported from ${target.label} to ${dir}:`);
    for (const entity of EXPORT_ENTITIES) out(`  ${`${entity}.jsonl`.padEnd(18)} ${counts[entity]} records`);
  } finally {
    await Promise.all([...files.values()].map((s) => new Promise<void>((done) => s.end(done))));
    await target.close();
  }
}
