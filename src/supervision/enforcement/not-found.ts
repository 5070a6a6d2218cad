// The 404s of enforcement: a batch or polygon that does not exist and one outside the caller's
// division answer alike, so existence does not leak.
import { AppError } from '../../platform/errors.ts';

export const batchNotFound = () =>
  new AppError('not_found', {
    code: 'ENFORCEMENT_BATCH_NOT_FOUND',
    messageZh: '批次不存在或不在您的管辖范围内',
    messageEn: 'no such batch in your division',
  });

export const polygonNotFound = () =>
  new AppError('not_found', {
    code: 'CHANGE_POLYGON_NOT_FOUND',
    messageZh: '变化图斑不存在或不在您的管辖范围内',
    messageEn: 'no such change polygon in your division',
  });

export const photoNotFound = () =>
  new AppError('not_found', {
    code: 'PHOTO_NOT_FOUND',
    messageZh: '照片不存在或不在您的管辖范围内',
    messageEn: 'no such photo in your division',
  });
