// 100,001 small, well-formed parcels (about 10 MB), one over the reader's parcel limit.
export const fileName = 'many-parcels.txt';
export function make(): Uint8Array {
  const lines = ['[属性描述]', '带号=39', '[地块坐标]'];
  for (let i = 1; i <= 100_001; i++) {
    const x = 3_000_000 + (i % 1000) * 100;
    const y = 39_500_000 + Math.floor(i / 1000) * 100;
    lines.push(
      `4,,P${i},,面,,材料堆场,,@`,
      `1,1,${x},${y}`,
      `2,1,${x},${y + 50}`,
      `3,1,${x + 50},${y + 50}`,
      `4,1,${x},${y}`,
    );
  }
  return new TextEncoder().encode(lines.join('\n'));
}
