// The errors restoration use cases answer with, beside the shared dossier errors.
import { AppError } from '../platform/errors.ts';
import { dossierNotFound } from '../supervision/dossier-errors.ts';

export const projectNotFound = () =>
  dossierNotFound('RESTORATION_PROJECT_NOT_FOUND', '生态修复项目', 'restoration project');
export const measurementNotFound = () =>
  dossierNotFound('RESTORATION_MEASUREMENT_NOT_FOUND', '监测记录', 'measurement');
export const attachmentNotFound = () =>
  dossierNotFound('RESTORATION_ATTACHMENT_NOT_FOUND', '附件', 'attachment');

export function invalid(code: string, zh: string, en: string, field: string): AppError {
  return new AppError('invalid', { code, messageZh: zh, messageEn: en, location: { field } });
}

export const divisionUnknown = (code: string) =>
  invalid(
    'DIVISION_UNKNOWN',
    `行政区代码 ${code} 不存在`,
    `division ${code} does not exist`,
    'divisionCode',
  );
