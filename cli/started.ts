/**
 * What a command has started so far (the store, the SES emulator, a server), closed newest first
 * whatever happens: a start-up that fails half-way still releases the data folder's lock and lets the
 * process exit instead of hanging on an engine nobody closes.
 */
export class Started {
  private readonly closers: Array<() => Promise<void>> = [];

  /** Remembers `resource` for closing, and hands it back. */
  add<T extends { close(): Promise<void> }>(resource: T): T {
    this.closers.push(() => resource.close());
    return resource;
  }

  /** Closes everything, newest first; one failed close does not keep the others open. */
  async close(): Promise<void> {
    const failures: unknown[] = [];
    for (const close of this.closers.splice(0).reverse()) await close().catch((err: unknown) => failures.push(err));
    if (failures.length) throw failures[0];
  }
}
