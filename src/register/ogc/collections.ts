// The collections Reclaim publishes over OGC API – Features, and who may see each. Which rows
// a caller sees inside a collection is decided by row-level security, not here.

export const collectionIds = [
  'temporary-land',
  'land-class-parcels',
  'permanent-basic-farmland',
] as const;
export type CollectionId = (typeof collectionIds)[number];

export interface CollectionInfo {
  id: CollectionId;
  title: string;
  description: string;
  keywords: readonly string[];
  /** `everyone`: the public sees published records; `government`: government accounts only. */
  audience: 'everyone' | 'government';
  /** Feature ids: record uuids, or the survey layers' integer ids. */
  idKind: 'uuid' | 'integer';
}

export const collections: readonly CollectionInfo[] = [
  {
    id: 'temporary-land',
    title: '临时用地 Temporary land use',
    description:
      '临时用地上图入库记录（CGCS2000）。公众仅见已公示的记录；政府用户见其辖区内的全部记录。默认不含已核销记录（includeWrittenOff=true 可包含）。 ' +
      'Temporary-land records of the register. The public sees published records; government users see every record in their division. Written-off records are left out unless includeWrittenOff=true.',
    keywords: ['临时用地', 'temporary land use', '上图入库'],
    audience: 'everyone',
    idKind: 'uuid',
  },
  {
    id: 'land-class-parcels',
    title: '地类图斑 Land-class parcels',
    description:
      '年度国土变更调查地类图斑（现行批次，GB/T 21010-2017 及三调工作分类），仅限政府用户。 ' +
      'Land-class polygons of the current land-change survey batch (GB/T 21010-2017); government users only.',
    keywords: ['地类图斑', 'DLTB', 'land class'],
    audience: 'government',
    idKind: 'integer',
  },
  {
    id: 'permanent-basic-farmland',
    title: '永久基本农田 Permanent basic farmland',
    description:
      '永久基本农田图斑（现行批次），仅限政府用户。 Permanent basic farmland polygons of the current batch; government users only.',
    keywords: ['永久基本农田', 'YJJBNTTB', 'permanent basic farmland'],
    audience: 'government',
    idKind: 'integer',
  },
];

export function findCollection(id: string): CollectionInfo | undefined {
  return collections.find((c) => c.id === id);
}
