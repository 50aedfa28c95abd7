/**
 * AWS's DynamoDB Local, from the jar that ships inside the npm package amplify-dynamodb-simulator,
 * run with the machine's Java 17. The tests start and stop it themselves.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { LocalEngine } from '#io/local/dynalite.ts';

const EMULATOR = fileURLToPath(new URL('../../node_modules/amplify-dynamodb-simulator/emulator/', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

export async function startDynamoDbLocal(): Promise<LocalEngine> {
  const port = await freePort();
  const child = spawn('java', [`-Djava.library.path=${EMULATOR}DynamoDBLocal_lib`, '-jar', `${EMULATOR}DynamoDBLocal.jar`,
    '-inMemory', '-port', String(port)], { cwd: EMULATOR, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const kill = (): void => { child.kill('SIGKILL'); };
  process.once('exit', kill);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  try {
    for (let waited = 0; ; waited += 200) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with ${child.exitCode}: ${output}`);
      try {
        await client.send(new ListTablesCommand({}));
        break;
      } catch {
        if (waited > 60_000) throw new Error(`DynamoDB Local did not answer within 60 s (is Java 17 installed?): ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } catch (err) {
    kill();
    throw err;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    close: async () => {
      process.off('exit', kill);
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); });
    },
  };
}
