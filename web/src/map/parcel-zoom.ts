/**
 * The zoom from which the tiles draw parcels themselves; below it (the server's overview zooms,
 * `overviewMaxZoom` in src/register/tiles/domain/tile-layer.ts, up to 11) they hold one point per
 * cell and county with the parcels counted. The enforcement and back-fill polygon tiles switch
 * at the same zoom. test/map-zooms.test.ts keeps the two sides equal.
 */
export const parcelZoom = 12;
