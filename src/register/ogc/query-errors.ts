// Clear 400s for the OGC query parameters: schema validation says "must be <= 10000"; a GIS
// user is better served by the allowed range or values, named in both languages.
import type { FastifySchemaValidationError } from 'fastify';
import { AppError, type Problem } from '../../platform/errors.ts';
import { recordStates } from '../domain/lifecycle.ts';
import { maxLimit } from './ogc.schemas.ts';
import { supportedCrs } from './vocabulary.ts';

const crsList = supportedCrs.join(', ');

function problemFor(field: string, sent: unknown, ajvMessage: string | undefined): Problem {
  const shown = typeof sent === 'string' ? sent : JSON.stringify(sent);
  const value = sent === undefined ? '' : `（收到 ${shown}）`;
  const valueEn = sent === undefined ? '' : ` (got ${shown})`;
  const location = { field };
  switch (field) {
    case 'limit':
      return {
        code: 'OGC_LIMIT_INVALID',
        messageZh: `limit 应为 1 到 ${maxLimit} 之间的整数${value}`,
        messageEn: `limit must be a whole number from 1 to ${maxLimit}${valueEn}`,
        location,
      };
    case 'offset':
      return {
        code: 'OGC_OFFSET_INVALID',
        messageZh: `offset 应为不小于 0 的整数${value}`,
        messageEn: `offset must be a whole number of 0 or more${valueEn}`,
        location,
      };
    case 'crs':
    case 'bbox-crs':
      return {
        code: field === 'crs' ? 'OGC_CRS_UNSUPPORTED' : 'OGC_BBOX_CRS_UNSUPPORTED',
        messageZh: `不支持的坐标参考系 ${field}${value}；可用：${crsList}`,
        messageEn: `${field} is not supported${valueEn}; use one of ${crsList}`,
        location,
      };
    case 'state':
      return {
        code: 'OGC_STATE_INVALID',
        messageZh: `state 应为 ${recordStates.join('、')} 之一${value}`,
        messageEn: `state must be one of ${recordStates.join(', ')}${valueEn}`,
        location,
      };
    default:
      return {
        code: 'OGC_PARAMETER_INVALID',
        messageZh: `参数 ${field} 不合规：${ajvMessage ?? ''}${value}`,
        messageEn: `${field} ${ajvMessage ?? 'is invalid'}${valueEn}`,
        location,
      };
  }
}

/** One problem per offending parameter; `query` holds the values as sent. */
export function queryError(
  errors: readonly FastifySchemaValidationError[],
  query: Record<string, unknown>,
): AppError {
  const byField = new Map<string, Problem>();
  for (const e of errors) {
    const field = e.instancePath.split('/')[1] ?? 'request';
    if (!byField.has(field)) byField.set(field, problemFor(field, query[field], e.message));
  }
  const [first, ...rest] = [...byField.values()];
  return new AppError(
    'invalid',
    first ?? {
      code: 'OGC_PARAMETER_INVALID',
      messageZh: '请求参数不合规',
      messageEn: 'invalid query parameters',
    },
    rest,
  );
}
