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
    rolldownOptions: {
      output: {
        // MapLibre and React in chunks of their own: a browser keeps them cached across
        // releases of the app, which change only the app's own (smaller) chunks. On a cold
        // first paint the split measured neither better nor worse (docs/benchmarks.md).
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': server, '/tiles': server, '/ogc': server },
  },
});
