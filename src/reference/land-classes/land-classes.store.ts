// SQL for the land-class code table (GB/T 21010-2017 and third-survey working classes).
import type { Queryable } from '../../platform/db/db.ts';

export interface LandClass {
  code: string;
  nameZh: string;
  nameEn: string;
  level: number;
  parentCode: string | null;
  category: 'agricultural' | 'construction' | 'unused' | null;
  isCultivated: boolean;
  isWetland: boolean;
  source: string;
}

export function listLandClasses(q: Queryable): Promise<LandClass[]> {
  return q.query<LandClass>(
    `SELECT code, name_zh AS "nameZh", name_en AS "nameEn", level, parent_code AS "parentCode", category,
            is_cultivated AS "isCultivated", is_wetland AS "isWetland", source
     FROM land_class ORDER BY code`,
  );
}
