// A county-level approval in Jiawang (320305) for tests that register a record over HTTP:
// a mixing plant for a transport project, two years from 2026-02-06 (TL-TERM-01's limit).
export const jiawangApproval = {
  divisionCode: '320305',
  projectName: '徐州某高速公路改扩建工程拌合站',
  projectClass: 'transport',
  useType: 'mixing_plant',
  approvalNumber: '徐自然资临〔2026〕8号',
  approvalDate: '2026-02-06',
  approvalBody: '徐州市自然资源和规划局贾汪分局',
  approvalLevel: 'county',
  termStart: '2026-02-06',
  termEnd: '2028-02-05',
};
