// Fingerprints that decide whether a re-delivered batch is the same one (idempotent re-import)
// or a different content under the same batch id (a conflict): the delivered files' bytes, and
// the content itself — month, division and every polygon (attributes with keys sorted, the
// geometry as PostGIS built it in EPSG:4490), in any order, whatever files carried it.
import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

const canonical = configure({ deterministic: true, circularValue: TypeError, strict: false });

const sha256 = (text: string | Uint8Array) => createHash('sha256').update(text).digest('hex');

export interface DeliveredFile {
  name: string;
  sizeBytes: number;
  sha256: string;
}

export function describeFile(file: { name: string; bytes: Uint8Array }): DeliveredFile {
  return { name: file.name, sizeBytes: file.bytes.length, sha256: sha256(file.bytes) };
}

/** Of the files' checksums, sorted: the same bytes in any order and under any names. */
export function filesFingerprint(files: readonly DeliveredFile[]): string {
  return sha256(
    files
      .map((f) => f.sha256)
      .sort()
      .join('\n'),
  );
}

/**
 * Of the batch's content: `features` are the polygons' attributes as delivered and their
 * geometry as built (GeoJSON MultiPolygon, [lng, lat] in EPSG:4490, 9 decimals).
 */
export function contentFingerprint(
  month: string,
  divisionCode: string,
  features: readonly { attributes: Record<string, unknown>; geometry: unknown }[],
): string {
  const digests = features
    .map((f) => sha256(canonical({ a: f.attributes, g: f.geometry }) ?? ''))
    .sort();
  return sha256([month, divisionCode, ...digests].join('\n'));
}
