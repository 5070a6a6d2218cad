// The reclamation API's shapes as its route schemas declare them (types only: nothing of the
// server is bundled).
import type { Static } from '@sinclair/typebox';
import type { NoticeSchema, ObjectionSchema } from '../../../src/notices/notices.schemas.ts';
import type {
  AcceptanceSchema,
  LandClassChangeSchema,
  LedgerSchema,
  ObligationSchema,
  ObligationSummarySchema,
  SummarySchema,
} from '../../../src/reclamation/reclamation.schemas.ts';

export type Obligation = Static<typeof ObligationSchema>;
export type ObligationSummary = Static<typeof ObligationSummarySchema>;
export type Ledger = Static<typeof LedgerSchema>;
export type Acceptance = Static<typeof AcceptanceSchema>;
export type LandClassChange = Static<typeof LandClassChangeSchema>;
export type ReclamationSummary = Static<typeof SummarySchema>;
export type Objection = Static<typeof ObjectionSchema>;
export type Notice = Static<typeof NoticeSchema>;
export type Page<T> = { items: T[]; total: number };
