// The web application at `/`: the built single-page app (web/dist, RECLAIM_WEB_DIR) with its
// hashed assets, and index.html for every other page path so that the app's own router
// answers deep links (/records/…, /register …). Paths of the API (/api, /ogc, /tiles, /docs)
// never fall back to the app: an unknown one stays a Problem JSON 404. When the app has not
// been built, `/` says how to build it and the API works as before.
import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { RoutePlugin } from '../types.ts';

/** Path prefixes that belong to the server, not to the web application. */
const serverPrefixes = ['/api/', '/ogc', '/tiles/', '/docs', '/healthz', '/readyz'];

const notBuiltPage = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reclaim 临时用地与复垦监管平台</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;line-height:1.6;color:#1f2a1f}
h1{color:#2f6b3a}a{color:#2f6b3a}code{background:#eef3ee;padding:0 .3em;border-radius:3px}.en{color:#5a665a}</style></head>
<body><h1>Reclaim · 临时用地与复垦监管平台</h1>
<p>服务已启动，但网页端尚未构建。请在仓库目录运行 <code>npm run build:web</code>（<code>npm start</code> 会先构建），然后刷新本页。接口照常可用。</p>
<p class="en">The server is running, but the web application has not been built. Run <code>npm run build:web</code> in the repository (<code>npm start</code> builds it first), then reload this page. The API works as usual.</p>
<ul><li><a href="/docs">接口文档 API documentation (OpenAPI)</a></li>
<li><a href="/readyz">运行状态 Readiness</a></li></ul></body></html>`;

const ClientConfig = Type.Object({
  tiandituKey: Type.Union([Type.String(), Type.Null()], {
    description: 'Tianditu key for the online basemap; null means the offline style',
  }),
});

export const homeRoutes: RoutePlugin = async (app, { config }) => {
  const root = resolve(config.webDir);
  const built = existsSync(join(root, 'index.html'));
  if (built) await app.register(fastifyStatic, { root, serve: false });

  const sendIndex = (reply: FastifyReply) => {
    if (!built) return reply.type('text/html; charset=utf-8').send(notBuiltPage);
    void reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { cacheControl: false });
  };

  app.get(
    '/',
    { config: { access: { roles: 'anyone' } }, schema: { hide: true } },
    (_request, reply) => sendIndex(reply),
  );

  app.get(
    '/*',
    { config: { access: { roles: 'anyone' } }, schema: { hide: true } },
    (request, reply) => {
      const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
      if (serverPrefixes.some((p) => path.startsWith(p))) return reply.callNotFound();
      if (built) {
        const file = resolve(root, `.${path}`);
        if (file.startsWith(root + sep) && statSync(file, { throwIfNoEntry: false })?.isFile()) {
          // Vite names assets by content hash: they never change under the same name.
          const hashed = path.startsWith('/assets/');
          return reply.sendFile(path.slice(1), {
            cacheControl: true,
            maxAge: hashed ? '365d' : 0,
            immutable: hashed,
          });
        }
        // A missing script or style is a 404, not the app's HTML under a .js name.
        if (/\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
      }
      return sendIndex(reply);
    },
  );

  app.get(
    '/api/client-config',
    {
      config: { access: { roles: 'anyone' } },
      schema: {
        tags: ['web'],
        summary: 'What the web application needs to know at start: the basemap key, if any',
        response: { 200: ClientConfig },
      },
    },
    () => ({ tiandituKey: config.tiandituKey ?? null }),
  );
};
