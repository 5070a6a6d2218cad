// The server under load, as a child process: Reclaim's own `serve` on the configuration the
// parent passes in the environment (loopback host, port 0, the database), reporting its
// address over IPC. SIGTERM shuts it down gracefully (and writes a --cpu-prof profile).
import { loadConfig } from '../../src/platform/config/config.ts';
import { openDb } from '../../src/platform/db/open-db.ts';
import { serve } from '../../src/server/serve.ts';
import { createServices } from '../../src/server/services.ts';

const config = loadConfig(process.env);
if (config.host !== '127.0.0.1') throw new Error(`refusing to listen on ${config.host}`);
const services = createServices(await openDb(config), config);
const running = await serve(services);
process.send?.({ url: running.url.replace('localhost', '127.0.0.1') });
