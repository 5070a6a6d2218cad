// The check every use case that takes a division from its caller makes first.
import { AppError } from '../platform/errors.ts';
import { isWithinDivision } from '../reference/divisions/domain/division-code.ts';
import type { Actor } from './domain/actor.ts';

/** Throws 403 OUT_OF_SCOPE unless `divisionCode` lies inside the actor's division. */
export function requireWithinScope(actor: Actor, divisionCode: string, field = 'divisionCode') {
  if (isWithinDivision(divisionCode, actor.divisionCode)) return;
  throw new AppError('forbidden', {
    code: 'OUT_OF_SCOPE',
    messageZh: `${divisionCode} 不在您的管辖范围内`,
    messageEn: `${divisionCode} is outside your division`,
    location: { field },
  });
}
