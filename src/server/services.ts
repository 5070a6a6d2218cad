// The services the HTTP edge and the CLI call, built once from the database and config.
import type { Config } from '../platform/config/config.ts';
import type { Db } from '../platform/db/db.ts';
import { createAuthService } from '../identity/auth.service.ts';
import { createUserService } from '../identity/users.service.ts';
import { createHistoryService } from '../history/history.service.ts';
import { createCalendarService } from '../reference/calendar/calendar.service.ts';
import { createLayerService } from '../reference/layers/layers.service.ts';
import { createRegisterService } from '../register/register.service.ts';
import { createImportService } from '../register/import/import.service.ts';
import { createExportService } from '../register/export/export.service.ts';
import { createAttachmentService } from '../register/attachments.service.ts';
import { createSurveyLayerImportService } from '../register/survey-layers/survey-layer-import.service.ts';
import { createEvaluationService } from '../supervision/evaluation.service.ts';
import { createFindingService } from '../supervision/findings.service.ts';
import { createEnforcementImportService } from '../supervision/enforcement/enforcement-import.service.ts';
import { createEnforcementReadService } from '../supervision/enforcement/enforcement-read.service.ts';
import { createVerificationService } from '../supervision/enforcement/verification.service.ts';
import { createTileService } from '../register/tiles/tiles.service.ts';
import { createReferenceTileService } from '../reference/tiles/reference-tiles.service.ts';
import { createPolygonTileService } from '../supervision/enforcement/polygon-tiles.service.ts';
import { createBackfillTileService } from '../supervision/backfill/polygon-tiles.service.ts';
import { createOgcService } from '../register/ogc/ogc.service.ts';
import { createNearbyService } from '../register/nearby/nearby.service.ts';
import { createStepRunner } from '../supervision/backfill/apply-consequences.ts';
import { createBackfillImportService } from '../supervision/backfill/backfill-import.service.ts';
import { createBackfillReviewService } from '../supervision/backfill/backfill-review.service.ts';
import { createIllegalCaseService } from '../supervision/illegal-cases/illegal-cases.service.ts';
import { createRectificationService } from '../supervision/rectification/rectification.service.ts';
import { createReportService } from '../supervision/reports/reports.service.ts';
import { createWriteOffService } from '../supervision/write-offs/write-offs.service.ts';
import { createNoticeKindService } from '../notices/notice-kinds.service.ts';
import { createNoticeService } from '../notices/notices.service.ts';
import { createObjectionService } from '../notices/objections.service.ts';
import { createAcceptanceService } from '../reclamation/acceptances.service.ts';
import { createLedgerService } from '../reclamation/ledger.service.ts';
import { createObligationService } from '../reclamation/obligations.service.ts';
import { createSummaryService } from '../reclamation/summary.service.ts';
import { createProjectService } from '../restoration/projects.service.ts';
import { createMeasurementService } from '../restoration/measurements.service.ts';
import { createCriteriaService } from '../restoration/criteria.service.ts';
import { createRestorationDashboardService } from '../restoration/dashboard.service.ts';

export function createServices(db: Db, config: Config) {
  const calendar = createCalendarService(db);
  const register = createRegisterService(db, calendar);
  const writeOffs = createWriteOffService(db, register);
  const runSteps = createStepRunner(register, writeOffs);
  const notices = createNoticeService(db, calendar);
  const obligations = createObligationService(db, register);
  const acceptances = createAcceptanceService(db, register, notices, obligations);
  const tiles = createTileService(db, config.tilesEncoder, config.tileCacheBytes);
  return {
    db,
    config,
    auth: createAuthService(db, { sessionTtlHours: config.sessionTtlHours }),
    users: createUserService(db),
    history: createHistoryService(db),
    calendar,
    register,
    imports: createImportService(db, register),
    exports: createExportService(db),
    attachments: createAttachmentService(db),
    layers: createLayerService(db),
    surveyLayers: createSurveyLayerImportService(db),
    evaluations: createEvaluationService(db, register),
    findings: createFindingService(db),
    enforcement: createEnforcementImportService(db),
    enforcementRead: createEnforcementReadService(db),
    verifications: createVerificationService(db),
    tiles,
    ogc: createOgcService(db),
    nearby: createNearbyService(db),
    backfill: {
      ...createBackfillImportService(db, register, runSteps),
      ...createBackfillReviewService(db, runSteps),
    },
    rectification: createRectificationService(db),
    illegalCases: createIllegalCaseService(db),
    writeOffs,
    reports: createReportService(db),
    noticeKinds: createNoticeKindService(db),
    notices,
    objections: createObjectionService(db, calendar),
    obligations,
    reclamationLedger: createLedgerService(db, register, obligations),
    acceptances,
    reclamationSummary: createSummaryService(db, obligations, acceptances),
    restorationProjects: createProjectService(db),
    restorationMeasurements: createMeasurementService(db),
    restorationDashboard: createRestorationDashboardService(db),
    acceptanceCriteria: createCriteriaService(db),
    referenceTiles: createReferenceTileService(db, tiles, config.tileCacheBytes),
    polygonTiles: createPolygonTileService(db, tiles),
    backfillTiles: createBackfillTileService(db, tiles),
  };
}

export type Services = ReturnType<typeof createServices>;
