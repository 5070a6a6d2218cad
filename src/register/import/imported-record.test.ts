// The record the import's rules see, built in Node (importedDomainRecord), against the record
// as stored and read back (toDomainRecord of the row), for parcels with every field an import
// writes and with none but the required ones, in both storage modes.
import { beforeAll, expect, it } from 'vitest';
import { square } from '../../../test/support/shapes.ts';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import { loadConfig } from '../../platform/config/config.ts';
import { createServices, type Services } from '../../server/services.ts';
import { toDomainRecord } from '../record-mapping.ts';
import { findRecord } from '../register.store.ts';
import { importedDomainRecord } from './imported-record.ts';
import { readImportFile } from './read-file.ts';
import { fieldsFromAttributes } from './record-from-attributes.ts';

const system = systemActor('test');

const features = [
  {
    编号: 'TL-1',
    项目名称: '某高速公路材料堆场',
    项目类别: '交通',
    用途: '材料堆场',
    批准文号: '徐自然资临〔2026〕20号',
    批准日期: '2026年2月6日',
    批准机关: '徐州市自然资源和规划局',
    批准层级: '市级',
    起始日期: '2026/2/10',
    终止日期: '20280205',
    建设单位: '某交通建设公司',
    用地单位: '某路桥公司',
    面积公顷: '0.1234567',
    行政区代码: '320305',
  },
  { 编号: 'TL-2', 项目名称: '施工便道', 用途: '施工便道', 面积亩: '1.5', 行政区代码: '320305' },
  { 项目名称: '只有必填字段', 用途: '工棚', 行政区代码: '320305' },
].map((properties, i) => ({
  type: 'Feature',
  properties,
  geometry: square(117.3 + i * 0.01, 34.3),
}));

describeEachMode('the record an import evaluates', (db) => {
  let services: Services;
  beforeAll(() => {
    services = createServices(db(), loadConfig({}));
  });

  it('is the record as stored and read back, and gives the same findings', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
    const result = await services.imports.import(system, [{ name: 'fields.geojson', bytes }], {
      reason: 'imported record',
    });
    const { candidates } = await readImportFile(bytes, 'fields.geojson');
    expect(result.records).toHaveLength(candidates.length);
    for (const [i, candidate] of candidates.entries()) {
      const imported = result.records[i]!;
      const row = await findRecord(db(), imported.id, '%');
      const { fields, divisionCode } = fieldsFromAttributes(candidate);
      expect(imported).toMatchObject({ systemNumber: row!.systemNumber, areaM2: row!.areaM2 });
      expect(
        importedDomainRecord(fields, divisionCode!, { id: imported.id, areaM2: row!.areaM2! }),
      ).toEqual(toDomainRecord(row!, { contracts: 0, photos: 0 }));
      const stored = await services.register.get(system, imported.id);
      expect(imported.findings).toBe(stored.findings.length);
    }
  });
});
