// Builds the web application into web/dist, which the Reclaim server serves at `/`.
// `npx vite --config web/vite.config.ts` runs a dev server that sends API calls to a
// Reclaim server on port 3000.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': server, '/tiles': server, '/ogc': server },
  },
});
