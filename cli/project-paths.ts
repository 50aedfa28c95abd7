/** Where the project's own files are, found from this module's place in it (cli/). */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURE_SITES = join(PROJECT_ROOT, 'fixtures', 'sites');
