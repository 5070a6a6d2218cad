// The errors reclamation answers with, in Chinese and English.
import { AppError, type ErrorKind } from '../platform/errors.ts';
import { dossierNotFound } from '../supervision/dossier-errors.ts';

export const obligationNotFound = () =>
  dossierNotFound('OBLIGATION_NOT_FOUND', '复垦义务', 'reclamation obligation');
export const acceptanceNotFound = () =>
  dossierNotFound('ACCEPTANCE_NOT_FOUND', '复垦验收申请', 'acceptance application');
export const photoNotFound = () =>
  dossierNotFound('PHOTO_NOT_FOUND', '复垦照片', 'reclamation photo');
export const recordNotFound = () => dossierNotFound('RECORD_NOT_FOUND', '记录', 'record');

export function refused(
  kind: ErrorKind,
  code: string,
  zh: string,
  en: string,
  field?: string,
): AppError {
  return new AppError(kind, {
    code,
    messageZh: zh,
    messageEn: en,
    ...(field ? { location: { field } } : {}),
  });
}
