// The page at `/` until the web application (React + MapLibre) is served there: what this
// server is, whether it is ready, and where the API documentation is. Chinese first.
import type { RoutePlugin } from '../types.ts';

const page = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reclaim 临时用地与复垦监管平台</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;line-height:1.6;color:#1f2a1f}
h1{color:#2f6b3a}a{color:#2f6b3a}code{background:#eef3ee;padding:0 .3em;border-radius:3px}.en{color:#5a665a}</style></head>
<body><h1>Reclaim · 临时用地与复垦监管平台</h1>
<p>服务已启动。网页端（地图、登记、监管、公示）正在建设中；现可通过接口使用。</p>
<p class="en">The server is running. The web application (map, register, supervision, public notices) is being built; the API is available now.</p>
<ul><li><a href="/docs">接口文档 API documentation (OpenAPI)</a></li>
<li><a href="/readyz">运行状态 Readiness</a></li></ul>
<p>演示账号见 README（Demo accounts are listed in the README）。</p></body></html>`;

export const homeRoutes: RoutePlugin = (app) => {
  app.get(
    '/',
    { config: { access: { roles: 'anyone' } }, schema: { hide: true } },
    (_request, reply) => reply.type('text/html; charset=utf-8').send(page),
  );
};
