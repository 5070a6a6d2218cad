// The shape every rule has: a pure function of the record, the overlay facts, the as-of
// date, the working-day calendar and the (provincial) settings, returning findings.
import type { WorkingCalendar } from '../../../reference/calendar/domain/working-days.ts';
import type { Finding } from '../finding.ts';
import type { AreaBreakdown, OverlayFacts, TemporaryLandRecord } from '../record.ts';
import type { RuleSettings } from '../settings.ts';

export interface RuleContext {
  record: TemporaryLandRecord;
  /** Null when no survey layer covers the parcel yet; rules that need it then say nothing. */
  overlay: OverlayFacts | null;
  asOf: string;
  calendar: WorkingCalendar;
  settings: RuleSettings;
}

export interface Rule {
  code: string;
  titleZh: string;
  titleEn: string;
  check(context: RuleContext): Finding[];
}

/** The breakdown to judge by: computed by the overlay when there is one, else as declared. */
export function effectiveBreakdown(
  context: RuleContext,
): { breakdown: AreaBreakdown; source: 'overlay' | 'declared' } | null {
  if (context.overlay) return { breakdown: context.overlay.breakdown, source: 'overlay' };
  if (context.record.declaredBreakdown)
    return { breakdown: context.record.declaredBreakdown, source: 'declared' };
  return null;
}

/** Below this an overlay sliver is noise, not occupation of a land class. */
export const negligibleM2 = 1;
