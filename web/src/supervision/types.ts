// The supervision API's shapes as its route schemas declare them (types only: nothing of the
// server is bundled).
import type { Static } from '@sinclair/typebox';
import type {
  BatchWithCountsSchema,
  PolygonCollection,
  PolygonDetail,
  VerificationSchema,
} from '../../../src/supervision/enforcement/enforcement.schemas.ts';
import type { OrderSchema } from '../../../src/supervision/rectification/rectification.routes.ts';
import type {
  RankingSchema,
  SummarySchema,
} from '../../../src/supervision/reports/reports.schemas.ts';
import type { FindingStats } from '../../../src/supervision/findings-stats.store.ts';

export type { FindingStats };
export type EnforcementBatch = Static<typeof BatchWithCountsSchema>;
export type PolygonFeatures = Static<typeof PolygonCollection>;
export type PolygonFeature = PolygonFeatures['features'][number];
export type Polygon = Static<typeof PolygonDetail>;
export type Verification = Static<typeof VerificationSchema>;
export type Order = Static<typeof OrderSchema>;
export type Ranking = Static<typeof RankingSchema>;
export type Summary = Static<typeof SummarySchema>;

export interface CountyBrake {
  divisionCode: string;
  divisionName: string;
  year: number;
  asOf: string;
  dueM2: number;
  dueCount: number;
  overdueM2: number;
  overdueCount: number;
  share: number;
  threshold: number;
  on: boolean;
}
