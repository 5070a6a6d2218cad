// The web app cannot import the server's modules, so the zoom from which it expects parcels
// drawn as themselves is its own constant: it must be the first zoom the tiles draw them.
import { describe, expect, it } from 'vitest';
import { polygonMinZoom } from '../src/supervision/enforcement/domain/polygon-tiles.ts';
import { backfillPolygonMinZoom } from '../src/supervision/backfill/domain/polygon-tiles.ts';
import { overviewMaxZoom } from '../src/register/tiles/domain/tile-layer.ts';
import { parcelZoom } from '../web/src/map/parcel-zoom.ts';

describe('the zoom from which parcels are outlines', () => {
  it('is the same in the web app as in the register, enforcement and back-fill tiles', () => {
    expect(parcelZoom).toBe(overviewMaxZoom + 1);
    expect(polygonMinZoom).toBe(parcelZoom);
    expect(backfillPolygonMinZoom).toBe(parcelZoom);
  });
});
