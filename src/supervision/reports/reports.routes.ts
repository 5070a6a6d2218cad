// Supervision reports over HTTP: the summary and the ranking as JSON, CSV or XLSX, and the
// 通报 as printable HTML, each for a division (default: the caller's) as of a date (default:
// today). Government roles only; a division outside the caller's answers 403.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
import { todayInShanghai } from '../../platform/time/iso-date.ts';
import { errorResponses, literals } from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';
import type { FastifyReply } from 'fastify';
import { reportFile, type ReportFile } from './report-files.ts';
import { FormatQuery, RankingSchema, ReportQuery, SummarySchema } from './reports.schemas.ts';

const asOfHelp =
  'Rebuilt from the stored history as it stood at the end of `asOf` (Asia/Shanghai), so a past date always gives the same numbers; `provisional` while that day is not over.';

const fileResponse = Type.Unsafe<Buffer>({
  type: 'string',
  format: 'binary',
  description: 'with format=csv or xlsx: the file',
});

function sendFile(reply: FastifyReply, file: ReportFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .send(Buffer.from(file.bytes));
}

export const reportRoutes: RoutePlugin = (app, { reports }) => {
  app.get(
    '/api/supervision/reports/summary',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['supervision'],
        summary:
          'Summary of a division as of a date: records by state and area, findings by rule, severity and status, county brake, enforcement uncovered area by cause, back-fill classes, rectification orders (overdue ones), illegal-land-use cases, write-offs',
        description: asOfHelp,
        querystring: Type.Object({ ...ReportQuery, format: FormatQuery }),
        response: { 200: Type.Union([SummarySchema, fileResponse]), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { asOf, division, format = 'json', lang } = request.query;
      const data = await reports.summary(request.actor, {
        asOf: asOf ?? todayInShanghai(),
        ...(division ? { divisionCode: division } : {}),
      });
      if (format === 'json') return data;
      return sendFile(reply, await reportFile({ kind: 'summary', data }, format, lang));
    },
  );

  app.get(
    '/api/supervision/reports/rankings',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['supervision'],
        summary:
          'Ranking of the divisions inside a division by live findings (TL-SUP-05): provinces for the nation, counties for a province or city; score = errors × 3 + warnings × 1, with per-rule columns',
        description: `${asOfHelp} Equal scores are ordered by errors, then live findings; divisions equal on all three share a rank and are listed by code.`,
        querystring: Type.Object({
          ...ReportQuery,
          format: FormatQuery,
          level: Type.Optional(literals(['province', 'city', 'county'] as const)),
        }),
        response: { 200: Type.Union([RankingSchema, fileResponse]), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { asOf, division, level, format = 'json', lang } = request.query;
      const data = await reports.ranking(request.actor, {
        asOf: asOf ?? todayInShanghai(),
        ...(division ? { divisionCode: division } : {}),
        ...(level ? { level } : {}),
      });
      if (format === 'json') return data;
      return sendFile(reply, await reportFile({ kind: 'ranking', data }, format, lang));
    },
  );

  app.get(
    '/api/supervision/reports/bulletin',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['supervision'],
        summary:
          'The 通报 (supervision bulletin) of a division as of a date: one self-contained printable HTML page (A4) with the summary, the ranking, findings by rule, overdue orders and a map',
        description: asOfHelp,
        querystring: Type.Object(ReportQuery),
        response: {
          200: Type.Unsafe<string>({ type: 'string', description: 'text/html; charset=utf-8' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { asOf, division, lang } = request.query;
      const html = await reports.bulletin(request.actor, {
        asOf: asOf ?? todayInShanghai(),
        ...(division ? { divisionCode: division } : {}),
        lang,
      });
      return reply.header('content-type', 'text/html; charset=utf-8').send(html);
    },
  );
};
