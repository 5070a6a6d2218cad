import { expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { maxZoom, parseTileAddress, tileReach } from './tile-address.ts';

const fieldOf = (z: string, x: string, y: string) => {
  try {
    parseTileAddress(z, x, y);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('TILE_ADDRESS_INVALID');
    return (error as AppError).problems[0]?.location?.field;
  }
  return 'accepted';
};

it('accepts every tile of the grid, from the world tile to the corners at the deepest zoom', () => {
  expect(parseTileAddress('0', '0', '0')).toEqual({ z: 0, x: 0, y: 0 });
  const last = String(2 ** maxZoom - 1);
  expect(parseTileAddress(String(maxZoom), last, last)).toEqual({
    z: maxZoom,
    x: 2 ** maxZoom - 1,
    y: 2 ** maxZoom - 1,
  });
  expect(parseTileAddress('014', '0013537', '6522')).toEqual({ z: 14, x: 13537, y: 6522 });
});

it('names the segment that is wrong', () => {
  expect(fieldOf(String(maxZoom + 1), '0', '0')).toBe('z');
  for (const z of ['', '-1', '+1', ' 1', '1.0', '1e1', 'z', '99999999999']) {
    expect(fieldOf(z, '0', '0'), JSON.stringify(z)).toBe('z');
  }
  expect(fieldOf('0', '1', '0')).toBe('x');
  expect(fieldOf('4', '16', '0')).toBe('x');
  expect(fieldOf('4', '0x1', '0')).toBe('x');
  expect(fieldOf('4', '15', '16')).toBe('y');
  expect(fieldOf('4', '15', '-0')).toBe('y');
  expect(fieldOf('4', '15', '15')).toBe('accepted');
});

it('explains the valid range in both languages', () => {
  try {
    parseTileAddress('3', '8', '0');
  } catch (error) {
    expect((error as AppError).message).toContain('from 0 to 7');
    expect((error as AppError).messageZh).toContain('0 到 7');
    return;
  }
  throw new Error('accepted x = 8 at zoom 3');
});

it('gives the degrees a tile draws, its buffer included', () => {
  const world = tileReach({ z: 0, x: 0, y: 0 }, 0);
  expect(world[0]).toBe(-180);
  expect(world[2]).toBe(180);
  expect(world[1]).toBeCloseTo(-85.0511287798, 9);
  expect(world[3]).toBeCloseTo(85.0511287798, 9);
  // z14 tile 13537/6522 holds Jiawang (117.45° E, 34.43° N).
  const [w, s, e, n] = tileReach({ z: 14, x: 13537, y: 6522 }, 0);
  expect(w).toBeLessThan(117.45);
  expect(e).toBeGreaterThan(117.44);
  expect(e - w).toBeCloseTo(360 / 2 ** 14, 12);
  expect(s).toBeLessThan(n);
  // A buffer of 1/64 widens it by that share of the tile on each side.
  const buffered = tileReach({ z: 14, x: 13537, y: 6522 }, 1 / 64);
  expect(buffered[0]).toBeCloseTo(w - (e - w) / 64, 12);
  expect(buffered[2]).toBeCloseTo(e + (e - w) / 64, 12);
  expect(buffered[1]).toBeLessThan(s);
  expect(buffered[3]).toBeGreaterThan(n);
});
