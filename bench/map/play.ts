// Plays a view script on the app's map in Chromium and measures each step: per camera move,
// inside the page, the frame intervals while it animates (requestAnimationFrame timestamps)
// and the settle time from the end of the motion (`moveend`) to the map's `idle` (every tile
// loaded and drawn, nothing animating); from the browser's network events, the tiles fetched
// and their bytes, the register's and the reference layers' apart.
import type { Page, Request } from 'playwright-core';
import type { Move, Script } from './script.ts';

/** What one move measured in the page. */
export interface MoveResult {
  motionMs: number;
  settleMs: number;
  /** Milliseconds between consecutive animation frames while the camera moved. */
  frameIntervals: number[];
}

export interface TileCount {
  tiles: number;
  bytes: number;
}

export interface StepResult {
  name: string;
  animated: boolean;
  moves: MoveResult[];
  parcelTiles: TileCount;
  referenceTiles: TileCount;
  /** Parcels drawn at the end of the step (counted only when asked: it takes time). */
  renderedParcels?: number;
}

/** The part of MapLibre's map the page-side measurement uses. */
interface MeasuredMap {
  jumpTo(options: { center: [number, number]; zoom: number }): void;
  easeTo(options: {
    center: [number, number];
    zoom: number;
    duration: number;
    essential: boolean;
  }): void;
  flyTo(options: {
    center: [number, number];
    zoom: number;
    duration: number;
    essential: boolean;
  }): void;
  once(event: 'moveend' | 'idle', listener: () => void): void;
  queryRenderedFeatures(options: { layers: string[] }): unknown[];
}

const idleTimeoutMs = 120_000;

/** Runs in the page: one move, timed. */
async function moveInPage(args: { move: Move; timeoutMs: number }): Promise<MoveResult> {
  const map = (window as unknown as { __reclaimMap?: MeasuredMap }).__reclaimMap;
  if (!map) throw new Error('the map is not ready (window.__reclaimMap)');
  const { move } = args;
  const stamps: number[] = [];
  let recording = true;
  const onFrame = (t: number) => {
    if (!recording) return;
    stamps.push(t);
    requestAnimationFrame(onFrame);
  };
  let movedAt = 0;
  // `idle` may come in the very frame that ends the motion, before a promise's continuation
  // runs: its listener is added by the `moveend` listener itself.
  const settled = new Promise<number>((resolve, reject) => {
    map.once('moveend', () => {
      movedAt = performance.now();
      recording = false;
      const timer = setTimeout(
        () => reject(new Error(`the map was not idle ${args.timeoutMs} ms after the move`)),
        args.timeoutMs,
      );
      map.once('idle', () => {
        clearTimeout(timer);
        resolve(performance.now());
      });
    });
  });
  requestAnimationFrame(onFrame);
  const start = performance.now();
  if (move.kind === 'jumpTo') map.jumpTo({ center: move.center, zoom: move.zoom });
  else
    map[move.kind]({
      center: move.center,
      zoom: move.zoom,
      duration: move.durationMs,
      essential: true,
    });
  const idleAt = await settled;
  return {
    motionMs: movedAt - start,
    settleMs: idleAt - movedAt,
    frameIntervals: stamps.slice(1).map((t, i) => t - stamps[i]!),
  };
}

/** Tile requests the page (and MapLibre's worker) completed, from the browser's network events. */
function tileRecorder(page: Page) {
  let pending: Promise<{ url: string; bytes: number }>[] = [];
  const listener = (request: Request) => {
    if (!request.url().includes('/tiles/')) return;
    pending.push(request.sizes().then((s) => ({ url: request.url(), bytes: s.responseBodySize })));
  };
  page.on('requestfinished', listener);
  return {
    async take(): Promise<{ parcels: TileCount; reference: TileCount }> {
      // Network events come over the worker's own protocol session: let the last ones arrive.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const done = await Promise.all(pending);
      pending = [];
      const count = (part: string): TileCount => {
        const tiles = done.filter((d) => d.url.includes(part));
        return { tiles: tiles.length, bytes: tiles.reduce((n, d) => n + d.bytes, 0) };
      };
      return { parcels: count('/tiles/temporary-land/'), reference: count('/tiles/reference/') };
    },
    stop: () => page.off('requestfinished', listener),
  };
}

/** Plays `script` on the page's map (positioned anywhere) and measures every step. */
export async function playScript(
  page: Page,
  script: Script,
  options: { countRendered?: boolean } = {},
): Promise<StepResult[]> {
  const recorder = tileRecorder(page);
  const results: StepResult[] = [];
  try {
    await recorder.take();
    for (const step of script.steps) {
      const moves: MoveResult[] = [];
      for (const move of step.moves)
        moves.push(await page.evaluate(moveInPage, { move, timeoutMs: idleTimeoutMs }));
      const { parcels, reference } = await recorder.take();
      const renderedParcels = options.countRendered
        ? await page.evaluate(() => {
            const map = (window as unknown as { __reclaimMap?: MeasuredMap }).__reclaimMap;
            // Parcels from zoom 12, the overview's counted cells below.
            const layers = ['temporary-land-fill', 'temporary-land-overview'];
            return map?.queryRenderedFeatures({ layers }).length ?? 0;
          })
        : undefined;
      results.push({
        name: step.name,
        animated: step.moves.some((m) => m.kind !== 'jumpTo'),
        moves,
        parcelTiles: parcels,
        referenceTiles: reference,
        ...(renderedParcels === undefined ? {} : { renderedParcels }),
      });
    }
  } finally {
    recorder.stop();
  }
  return results;
}
