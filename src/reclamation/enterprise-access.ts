// What an enterprise account reaches in reclamation: the obligations of the records whose land
// user (`land_user`) is its organization, within its division. It reads them and files progress
// reports and acceptance applications for them; verdicts, panels, plans, extensions and the
// ledger stay with the bureaus (the routes' roles say so).
import type { Actor } from '../identity/domain/actor.ts';
import { AppError } from '../platform/errors.ts';

/**
 * The land user an actor's reclamation is narrowed to: its organization for an enterprise,
 * null (no narrowing) for officials and the system. An enterprise account without an
 * organization reaches nothing: 403.
 */
export function landUserFilter(actor: Actor): string | null {
  if (actor.role !== 'enterprise') return null;
  const organization = actor.organization?.trim();
  if (!organization)
    throw new AppError('forbidden', {
      code: 'ENTERPRISE_WITHOUT_ORGANIZATION',
      messageZh: '企业账号未填写单位名称，无法对应临时用地的用地单位',
      messageEn: 'the enterprise account names no organization to match the land user of a record',
    });
  return organization;
}
