// What the public portal reads from the API: notices (GET /api/notices…, as the public sees
// them), receipts, and the published approvals (OGC features, with a distance when near).
export interface PublicNotice {
  id: string;
  divisionCode: string;
  divisionName: string;
  kind: { code: string; name: { zh: string; en: string } };
  subject: { type: string; id: string } | null;
  title: { zh: string; en: string | null };
  body: { zh: string; en: string | null };
  place: GeoJSON.Geometry | null;
  state: 'draft' | 'published' | 'closed' | 'withdrawn';
  publishedAt: string | null;
  window: {
    length: number;
    unit: 'working' | 'calendar';
    publishedOn: string;
    endsOn: string;
    provisional: boolean;
    open: boolean;
    lastDay: boolean;
    daysRemaining: number;
  } | null;
  answerPeriod: { length: number; unit: 'working' | 'calendar' } | null;
  asOf: string;
}

export interface FiledObjection {
  receipt: string;
  noticeId: string;
  receivedOn: string;
  answerDueOn: string;
}

export interface ReceiptView {
  receipt: string;
  noticeId: string;
  noticeTitleZh: string;
  noticeTitleEn: string | null;
  receivedOn: string;
  answerDueOn: string;
  status: 'received' | 'assigned' | 'answered' | 'closed';
  overdue: boolean;
  answer: string | null;
  answeredOn: string | null;
}

export interface ApprovalProperties {
  projectName?: string;
  approvalNumber?: string | null;
  approvalBody?: string | null;
  approvalDate?: string | null;
  divisionCode?: string;
  useType?: string;
  state?: string;
  termStart?: string | null;
  termEnd?: string | null;
  areaM2?: number | null;
  areaMu?: number | null;
  disclosurePublishedOn?: string | null;
  /** Metres from the chosen point (approvals near a point only). */
  distanceM?: number;
}

export interface ApprovalFeature {
  type: 'Feature';
  id: string;
  geometry: GeoJSON.Geometry | null;
  properties: ApprovalProperties;
}
