// A coordinate txt one byte over the reader's 20 MiB limit: a valid file padded with blank lines.
export const fileName = 'padded.txt';
export function make(): Uint8Array {
  const head = new TextEncoder().encode('[地块坐标]\n5,4.5,TL-1,x,面,,材料堆场,0103,@\n');
  const out = new Uint8Array(20 * 1024 * 1024 + 1).fill(0x0a);
  out.set(head);
  return out;
}
