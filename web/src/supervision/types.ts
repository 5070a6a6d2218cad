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
import type {
  BatchSchema as BackfillBatchSchema,
  PolygonSummarySchema as BackfillPolygonSchema,
  PolygonViewSchema as BackfillPolygonViewSchema,
} from '../../../src/supervision/backfill/backfill.schemas.ts';
import type { CountyBrakeStatus } from '../../../src/supervision/domain/county-brake.ts';
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

export type CountyBrake = CountyBrakeStatus & { divisionName: string };
export type BackfillBatch = Static<typeof BackfillBatchSchema>;
export type BackfillPolygon = Static<typeof BackfillPolygonSchema>;
export type BackfillPolygonView = Static<typeof BackfillPolygonViewSchema>;
