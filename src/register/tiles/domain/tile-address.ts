// XYZ tile addresses (Web Mercator, EPSG:3857; x to the east and y to the south from the
// north-west corner, as MapLibre GL and the OSM slippy map use) and the zoom range served.
import { AppError } from '../../../platform/errors.ts';

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** Deepest zoom served; clients over-zoom beyond it (a tile unit is ~4 cm there at Xuzhou). */
export const maxZoom = 18;

/** Every zoom from this one is served (zooms 0–7 from the register's tally, tally.store.ts). */
export const minZoom = 0;

/**
 * The zoom a map opens at over the records a caller sees (TileJSON `center`): a county or
 * two, where the overview's points show where the parcels are.
 */
export const openingZoom = 8;

const digits = /^[0-9]{1,10}$/;

function invalid(field: 'z' | 'x' | 'y', zh: string, en: string): AppError {
  return new AppError('invalid', {
    code: 'TILE_ADDRESS_INVALID',
    messageZh: zh,
    messageEn: en,
    location: { field },
  });
}

/**
 * Reads a tile address from the URL's path segments.
 * @throws AppError('invalid') TILE_ADDRESS_INVALID naming the segment: z outside 0–18, or
 *   x / y not a whole number from 0 to 2^z − 1
 */
export function parseTileAddress(z: string, x: string, y: string): TileAddress {
  const zoom = digits.test(z) ? Number(z) : NaN;
  if (!Number.isInteger(zoom) || zoom > maxZoom) {
    throw invalid(
      'z',
      `瓦片层级 z=${JSON.stringify(z)} 无效：应为 0 到 ${maxZoom} 的整数`,
      `tile zoom z=${JSON.stringify(z)} is invalid: it must be a whole number from 0 to ${maxZoom}`,
    );
  }
  const size = 2 ** zoom;
  const coordinate = (field: 'x' | 'y', text: string): number => {
    const value = digits.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(value) || value >= size) {
      throw invalid(
        field,
        `瓦片${field === 'x' ? '列号' : '行号'} ${field}=${JSON.stringify(text)} 无效：层级 ${zoom} 下应为 0 到 ${size - 1} 的整数`,
        `tile ${field === 'x' ? 'column' : 'row'} ${field}=${JSON.stringify(text)} is invalid: at zoom ${zoom} it must be a whole number from 0 to ${size - 1}`,
      );
    }
    return value;
  };
  return { z: zoom, x: coordinate('x', x), y: coordinate('y', y) };
}

/**
 * The [west, south, east, north] degrees a tile draws, its buffer included (`tileBuffer` of
 * `tileExtent` on each side): a parcel changed within them may change the tile's bytes.
 */
export function tileReach(
  { z, x, y }: TileAddress,
  bufferShare: number,
): [number, number, number, number] {
  const n = 2 ** z;
  const lng = (col: number) => (col / n) * 360 - 180;
  const lat = (row: number) =>
    (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI;
  const clampRow = (row: number) => Math.min(n, Math.max(0, row));
  return [
    lng(x - bufferShare),
    lat(clampRow(y + 1 + bufferShare)),
    lng(x + 1 + bufferShare),
    lat(clampRow(y - bufferShare)),
  ];
}
