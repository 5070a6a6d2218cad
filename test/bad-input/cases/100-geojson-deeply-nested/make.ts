// A geometry whose coordinates nest 5,000 arrays deep: must be refused, not overflow the stack.
export const fileName = 'input.geojson';

export function make(): Uint8Array {
  const depth = 5000;
  const coordinates = `${'['.repeat(depth)}117.45,34.43${']'.repeat(depth)}`;
  return new TextEncoder().encode(`{"type":"Polygon","coordinates":${coordinates}}`);
}
