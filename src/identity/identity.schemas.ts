// API shapes of accounts, sessions and tokens.
import { Type } from '@sinclair/typebox';
import { NullableTimestamp, Timestamp } from '../server/schemas.ts';
import { accountRoles } from './domain/roles.ts';

export const RoleSchema = Type.Union(accountRoles.map((r) => Type.Literal(r)));

export const UserSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    username: Type.String(),
    displayName: Type.String(),
    role: RoleSchema,
    divisionCode: Type.String(),
    organization: Type.Union([Type.String(), Type.Null()]),
    isAdmin: Type.Boolean(),
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'User' },
);

export const ApiTokenSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    tokenPrefix: Type.String({ description: 'first characters, to recognise the token' }),
    createdAt: Timestamp,
    expiresAt: NullableTimestamp,
    lastUsedAt: NullableTimestamp,
    revokedAt: NullableTimestamp,
  },
  { $id: 'ApiToken' },
);
