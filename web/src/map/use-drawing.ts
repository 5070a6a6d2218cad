// Drawing parcels on the shell's map with Terra Draw: outer rings ("polygon"), holes ("hole")
// and vertex editing ("select": drag a vertex, drag a midpoint to add one, right-click a
// vertex to delete it). The drawn shapes are kept in React state so that they survive the
// map being rebuilt (a basemap change) and can be turned into the one geometry a parcel has.
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useMapControls } from './map-context.tsx';

/** What a click on the map does: start an outer ring, a hole, edit vertices, or nothing. */
export type DrawTool = 'polygon' | 'hole' | 'select' | 'static';

/** A drawn ring: an outer boundary or a hole, [lng, lat] in EPSG:4490, closed. */
export interface DrawnShape {
  id: string;
  kind: 'polygon' | 'hole';
  ring: [number, number][];
}

const editFlags = {
  feature: {
    draggable: true,
    coordinates: { draggable: true, midpoints: true, deletable: true },
  },
};

function shapesOf(draw: TerraDraw): DrawnShape[] {
  const shapes: DrawnShape[] = [];
  for (const feature of draw.getSnapshot()) {
    const mode = feature.properties.mode;
    if (feature.geometry.type !== 'Polygon' || (mode !== 'polygon' && mode !== 'hole')) continue;
    // Features still being drawn are left out until they are closed.
    if (feature.properties.currentlyDrawing) continue;
    const ring = feature.geometry.coordinates[0] as [number, number][] | undefined;
    if (ring) shapes.push({ id: String(feature.id), kind: mode, ring });
  }
  return shapes;
}

/**
 * Terra Draw on the shell's map while the calling page is mounted. Popups and point picks
 * are off meanwhile (the map's clicks belong to the drawing).
 */
export function useDrawing() {
  const { map, setDrawing } = useMapControls();
  const [shapes, setShapes] = useState<DrawnShape[]>([]);
  const [tool, setToolState] = useState<DrawTool>('polygon');
  const [selected, setSelected] = useState<string | null>(null);
  const drawRef = useRef<TerraDraw | null>(null);
  // The shapes as last drawn, restored on a new map without re-running the set-up effect.
  const kept = useRef<DrawnShape[]>([]);
  const toolRef = useRef<DrawTool>('polygon');

  useEffect(() => {
    setDrawing(true);
    return () => setDrawing(false);
  }, [setDrawing]);

  useEffect(() => {
    if (!map) return;
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map }),
      modes: [
        new TerraDrawPolygonMode({
          styles: { fillColor: '#1e88e5', fillOpacity: 0.25, outlineColor: '#0d47a1' },
        }),
        new TerraDrawPolygonMode({
          modeName: 'hole',
          styles: {
            fillColor: '#ffffff',
            fillOpacity: 0.6,
            outlineColor: '#6a1b9a',
            outlineWidth: 2,
          },
        }),
        new TerraDrawSelectMode({ flags: { polygon: editFlags, hole: editFlags } }),
      ],
    });
    draw.start();
    if (kept.current.length > 0) {
      draw.addFeatures(
        kept.current.map((s) => ({
          type: 'Feature' as const,
          id: s.id,
          geometry: { type: 'Polygon' as const, coordinates: [s.ring] },
          properties: { mode: s.kind },
        })),
      );
    }
    draw.setMode(toolRef.current);
    // Terra Draw reports every styling and selection change; the shapes change less often.
    const update = () => {
      const next = shapesOf(draw);
      if (JSON.stringify(next) === JSON.stringify(kept.current)) return;
      kept.current = next;
      setShapes(next);
    };
    draw.on('change', update);
    draw.on('finish', update);
    draw.on('select', (id) => setSelected(String(id)));
    draw.on('deselect', () => setSelected(null));
    drawRef.current = draw;
    return () => {
      drawRef.current = null;
      // After a basemap change the map is removed first, its style (and Terra Draw's layers)
      // with it; stopping then has nothing left to remove and may throw.
      try {
        draw.stop();
      } catch {
        // nothing to clean up on a removed map
      }
    };
  }, [map]);

  const setTool = useCallback((next: DrawTool) => {
    toolRef.current = next;
    setToolState(next);
    drawRef.current?.setMode(next);
  }, []);

  const removeSelected = useCallback(() => {
    const draw = drawRef.current;
    if (!draw || !selected) return;
    draw.removeFeatures([selected]);
    setSelected(null);
  }, [selected]);

  const clear = useCallback(() => {
    drawRef.current?.clear();
    kept.current = [];
    setShapes([]);
    setSelected(null);
  }, []);

  return { shapes, tool, setTool, selected, removeSelected, clear, ready: map !== null };
}

/** Whether [lng, lat] lies inside `ring` (even–odd rule). */
function inside(point: [number, number], ring: [number, number][]): boolean {
  const [x, y] = point;
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

/**
 * The parcel's geometry from the drawn rings: each hole goes to the first outer ring that
 * holds its first vertex, or to the first outer ring at all, so that the server's validity
 * check reports a hole drawn outside its parcel at that ring, as for an uploaded file.
 * Null when no outer ring is drawn.
 */
export function parcelGeometry(
  shapes: DrawnShape[],
): GeoJSON.Polygon | GeoJSON.MultiPolygon | null {
  const outers = shapes.filter((s) => s.kind === 'polygon').map((s) => [s.ring]);
  if (outers.length === 0) return null;
  for (const hole of shapes.filter((s) => s.kind === 'hole')) {
    const first = hole.ring[0];
    const owner = outers.find((rings) => first && inside(first, rings[0]!)) ?? outers[0]!;
    owner.push(hole.ring);
  }
  return outers.length === 1
    ? { type: 'Polygon', coordinates: outers[0]! }
    : { type: 'MultiPolygon', coordinates: outers };
}
