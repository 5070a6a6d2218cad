// CGCS2000 frames (DESIGN.md): EPSG:4490 geographic, and the 3-degree Gauss–Krüger zones
// 25–45, with the zone number prefixed to the easting (EPSG:4513–4533, code = 4488 + zone)
// or without (EPSG:4534–4554, code = 4509 + zone). Central meridian = 3° × zone.

export const cgcs2000Geographic = 4490;
export const firstZone = 25;
export const lastZone = 45;

export interface GaussKrugerFrame {
  srid: number;
  zone: number;
  centralMeridianDeg: number;
  /** True when eastings carry the zone number (e.g. 39 500 000 m at the meridian of zone 39). */
  zonePrefixed: boolean;
  falseEastingM: number;
}

export function gaussKrugerFrame(zone: number, zonePrefixed: boolean): GaussKrugerFrame {
  if (!Number.isInteger(zone) || zone < firstZone || zone > lastZone) {
    throw new RangeError(`3-degree zone must be ${firstZone}–${lastZone}: ${zone}`);
  }
  return {
    srid: zonePrefixed ? 4488 + zone : 4509 + zone,
    zone,
    centralMeridianDeg: zone * 3,
    zonePrefixed,
    falseEastingM: zonePrefixed ? zone * 1_000_000 + 500_000 : 500_000,
  };
}

/** Every Gauss–Krüger frame Reclaim accepts, prefixed zones first. */
export function allGaussKrugerFrames(): GaussKrugerFrame[] {
  const frames: GaussKrugerFrame[] = [];
  for (const prefixed of [true, false]) {
    for (let zone = firstZone; zone <= lastZone; zone += 1) {
      frames.push(gaussKrugerFrame(zone, prefixed));
    }
  }
  return frames;
}

/** The zone whose central meridian is nearest to a longitude (degrees east). */
export function zoneForLongitude(lngDeg: number): number {
  return Math.round(lngDeg / 3);
}
