// The report writers without a database: CSV habits (BOM, CRLF, formula guard), HTML escaping,
// the map's scale bar and frame.
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html-escape.ts';
import { frameOf, mapWidthPx, scaleBarMetres } from './report-map.ts';
import { writeReportCsv } from './write-report-csv.ts';

describe('report writers', () => {
  it('writes CSV with a BOM and CRLF, and disarms cells a spreadsheet would run', () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      writeReportCsv({
        sheet: 's',
        columns: ['名称', '数量'],
        rows: [
          ['=HYPERLINK("http://x")', 1],
          ['+1', null],
          ['a,b', 2.5],
        ],
      }),
    );
    expect(text.startsWith('\ufeff名称,数量\r\n')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")",1\r\n`);
    expect(text).toContain(`'+1,\r\n`);
    expect(text).toContain('"a,b",2.5\r\n');
  });

  it('escapes markup in names', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')"> & 项目`)).toBe(
      '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; 项目',
    );
  });

  it('picks a round scale bar near a fifth of the width, and frames the extent with a margin', () => {
    expect(scaleBarMetres(309_248)).toBe(50_000);
    expect(scaleBarMetres(4_000)).toBe(500);
    expect(scaleBarMetres(1_100)).toBe(200);
    const frame = frameOf({ minX: 0, minY: 0, maxX: 10_000, maxY: 5_000, parcels: 1 });
    expect(frame).toMatchObject({ minX: -500, maxY: 5_500, width: 11_000, height: 6_000 });
    expect(frame.metresPerPx).toBeCloseTo(11_000 / mapWidthPx);
  });
});
