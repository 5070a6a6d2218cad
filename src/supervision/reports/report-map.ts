// The bulletin's map as inline SVG: PostGIS projects, simplifies and writes the outlines
// (report-map.store.ts); this module frames them, adds a legend, a scale bar and the ranked
// divisions' numbers. Every text is escaped; coordinates are numbers from PostGIS.
import { escapeHtml } from './html-escape.ts';
import type { Lang } from './domain/report-labels.ts';
import type { MapBounds, MapExtent, MapLayers, ParcelKind } from './report-map.store.ts';
import { say } from './report-tables.ts';

/** Width of the drawn map in CSS pixels (A4 minus margins). */
export const mapWidthPx = 640;

const colours: Record<ParcelKind, string> = {
  error: '#c62828',
  warning: '#ef8f00',
  none: '#2e7d32',
};

/** The viewBox around the extent with a 5 % margin (at least 500 m), in projected metres. */
export function frameOf(extent: MapExtent) {
  const pad = Math.max(500, 0.05 * Math.max(extent.maxX - extent.minX, extent.maxY - extent.minY));
  const minX = Math.floor(extent.minX - pad);
  const maxY = Math.ceil(extent.maxY + pad);
  const width = Math.ceil(extent.maxX + pad) - minX;
  const height = maxY - Math.floor(extent.minY - pad);
  return { minX, maxY, width, height, metresPerPx: width / mapWidthPx };
}

/** A round length (1, 2 or 5 × 10ⁿ m) near a fifth of the map's width. */
export function scaleBarMetres(width: number): number {
  const target = width / 5;
  const power = 10 ** Math.floor(Math.log10(target));
  const step = [5, 2, 1].find((s) => s * power <= target) ?? 1;
  return step * power;
}

export function mapSvg(
  extent: MapExtent,
  layers: MapLayers,
  labels: ReadonlyMap<string, string>,
  lang: Lang,
): string {
  const f = frameOf(extent);
  const px = f.metresPerPx;
  const heightPx = Math.round((f.height / f.width) * mapWidthPx);
  const stroke = `stroke-width="${(px * 0.8).toFixed(1)}"`;
  const parts: string[] = [];
  for (const o of layers.outlines) {
    parts.push(
      `<path d="${escapeHtml(o.d)}" fill="${colours[o.kind]}" fill-opacity="0.55" stroke="${colours[o.kind]}" ${stroke}/>`,
    );
  }
  for (const d of layers.dots) {
    const r = (px * (2 + Math.min(6, Math.log2(d.n)))).toFixed(1);
    parts.push(
      `<circle cx="${d.x}" cy="${-d.y}" r="${r}" fill="${colours[d.kind]}" fill-opacity="0.7"/>`,
    );
  }
  for (const u of layers.uncovered) {
    parts.push(
      `<path d="${escapeHtml(u.d)}" fill="#6a1b9a" fill-opacity="0.25" stroke="#6a1b9a" ${stroke} stroke-dasharray="${(px * 4).toFixed(1)}"/>`,
    );
  }
  const font = (px * 11).toFixed(1);
  for (const p of layers.points) {
    const label = labels.get(p.divisionCode);
    if (label === undefined) continue;
    parts.push(
      `<circle cx="${p.x}" cy="${-p.y}" r="${(px * 3).toFixed(1)}" fill="#0d47a1"/>` +
        `<text x="${(p.x + px * 5).toFixed(1)}" y="${(-p.y - px * 4).toFixed(1)}" font-size="${font}" fill="#0d47a1" stroke="#fff" stroke-width="${(px * 2.5).toFixed(1)}" paint-order="stroke">${escapeHtml(label)}</text>`,
    );
  }
  const bar = scaleBarMetres(f.width);
  const barX = (f.minX + px * 16).toFixed(1);
  const barY = -f.maxY + f.height - px * 16;
  const barText = bar >= 1000 ? `${bar / 1000} km` : `${bar} m`;
  parts.push(
    `<rect x="${barX}" y="${(barY - px * 4).toFixed(1)}" width="${bar}" height="${(px * 4).toFixed(1)}" fill="#212121"/>` +
      `<text x="${barX}" y="${(barY - px * 8).toFixed(1)}" font-size="${font}" fill="#212121">${barText}</text>`,
  );
  const title = say(
    lang,
    '临时用地与卫片执法未覆盖图斑分布图',
    'Temporary land and uncovered change polygons',
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" width="${mapWidthPx}" height="${heightPx}" ` +
    `viewBox="${f.minX} ${-f.maxY} ${f.width} ${f.height}">` +
    `<rect x="${f.minX}" y="${-f.maxY}" width="${f.width}" height="${f.height}" fill="#fafafa" stroke="#9e9e9e" stroke-width="${px.toFixed(1)}"/>` +
    parts.join('') +
    '</svg>'
  );
}

/** The legend and the note on projection and scale, as HTML. */
export function mapLegend(layers: MapLayers, bounds: MapBounds, lang: Lang): string {
  const lat0 = ((bounds.minLat + bounds.maxLat) / 2).toFixed(2);
  const lng0 = ((bounds.minLng + bounds.maxLng) / 2).toFixed(2);
  const swatch = (colour: string, text: string, dashed = false) =>
    `<li><span class="swatch" style="background:${colour}${dashed ? ';outline:1px dashed #6a1b9a' : ''}"></span>${escapeHtml(text)}</li>`;
  const dots = layers.dots.some((d) => d.n > 1);
  return (
    '<ul class="legend">' +
    swatch(
      colours.error,
      say(lang, '有严重问题的临时用地', 'temporary land with an error finding'),
    ) +
    swatch(
      colours.warning,
      say(lang, '有一般问题的临时用地', 'temporary land with a warning finding'),
    ) +
    swatch(
      colours.none,
      say(lang, '无有效监管发现的临时用地', 'temporary land without live findings'),
    ) +
    swatch(
      '#b39ddb',
      say(lang, '卫片执法未覆盖图斑（TL-ENF-01）', 'uncovered change polygon (TL-ENF-01)'),
      true,
    ) +
    swatch(
      '#0d47a1',
      say(
        lang,
        '排名序号（位于该区划地块的中心，非行政界线）',
        'rank (placed at the centre of the division’s parcels; no boundaries are drawn)',
      ),
    ) +
    '</ul><p class="note">' +
    escapeHtml(
      say(
        lang,
        `投影：等距圆柱投影（CGCS2000，中心 ${lng0}°E、${lat0}°N），沿经线和 ${lat0}°N 纬线比例尺准确。过小的地块以圆点表示。${dots ? '地块较多，按网格以圆点表示，圆点越大地块越多。' : ''}`,
        `Projection: equirectangular (CGCS2000) centred on ${lng0}°E, ${lat0}°N; the scale bar is true along the meridians and the parallel ${lat0}°N. Parcels too small to outline are drawn as dots.${dots ? ' With this many parcels, each dot stands for the parcels of a grid cell; larger dots, more parcels.' : ''}`,
      ),
    ) +
    '</p>'
  );
}
