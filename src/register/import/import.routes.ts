// Imports and checks of exchange files over HTTP.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
import { decodeUpload, FileUpload } from '../../server/file-upload.ts';
import { DivisionCode, errorResponses, IsoDate, Reason } from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';

const Problem = Type.Ref('Problem');

export const importRoutes: RoutePlugin = (app, { imports }) => {
  app.post(
    '/api/register/check',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['register'],
        summary:
          'Read a file (coordinate txt, GeoJSON, CSV with WKT, KML/KMZ, zipped Shapefile, GeoPackage) and evaluate every rule, storing nothing',
        body: Type.Object({
          file: FileUpload,
          asOf: Type.Optional(IsoDate),
          divisionCode: Type.Optional(DivisionCode),
          repair: Type.Boolean({
            default: false,
            description:
              'make invalid geometries valid (ST_MakeValid) instead of refusing them; each repair is reported as a GEOMETRY_REPAIRED warning',
          }),
        }),
        response: {
          200: Type.Object({
            file: Type.String(),
            format: Type.String(),
            crs: Type.String(),
            features: Type.Array(
              Type.Object({
                feature: Type.Integer(),
                id: Type.String(),
                name: Type.String(),
                area_m2: Type.Union([Type.Number(), Type.Null()]),
                area_mu: Type.Union([Type.Number(), Type.Null()]),
                area_ha: Type.Union([Type.Number(), Type.Null()]),
                repaired: Type.Boolean(),
                findings: Type.Array(
                  Type.Object({
                    code: Type.String(),
                    severity: Type.String(),
                    messageZh: Type.String(),
                    messageEn: Type.String(),
                  }),
                ),
                geometry: Type.Unknown({
                  description:
                    'the built boundary, GeoJSON MultiPolygon [lng, lat] in EPSG:4490; null when it could not be built',
                }),
                rings: Type.Array(
                  Type.Object({
                    part: Type.Optional(
                      Type.Integer({ description: 'polygon of a MultiPolygon, 1-based' }),
                    ),
                    ring: Type.Integer(),
                    coordinates: Type.Array(Type.Array(Type.Number())),
                  }),
                  {
                    description:
                      'when the boundary could not be built: its rings as written in EPSG:4490, so that a ring/vertex problem can be drawn where it is',
                  },
                ),
                declaredAreaM2: Type.Union([Type.Number(), Type.Null()]),
                computedBreakdown: Type.Union([
                  Type.Object({
                    cultivatedM2: Type.Number(),
                    farmlandM2: Type.Number(),
                    forestM2: Type.Number(),
                    otherAgriculturalM2: Type.Number(),
                    constructionM2: Type.Number(),
                    unusedM2: Type.Number(),
                    unsurveyedM2: Type.Number(),
                  }),
                  Type.Null(),
                ]),
              }),
            ),
            errors: Type.Array(Problem),
            warnings: Type.Array(Problem),
          }),
          ...errorResponses,
        },
      },
    },
    (request) => {
      const { name, bytes } = decodeUpload(request.body.file);
      return imports.check(
        request.actor,
        bytes,
        name,
        request.body.asOf,
        request.body.divisionCode ?? request.actor.divisionCode,
        { repair: request.body.repair },
      );
    },
  );

  app.post(
    '/api/register/imports',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['register'],
        summary: 'Import files as records, all or nothing; dryRun validates only',
        body: Type.Object({
          files: Type.Array(FileUpload, { minItems: 1, maxItems: 20 }),
          divisionCode: Type.Optional(DivisionCode),
          dryRun: Type.Boolean({ default: false }),
          repair: Type.Boolean({
            default: false,
            description:
              'make invalid geometries valid (ST_MakeValid) instead of refusing them; each repair is reported as a GEOMETRY_REPAIRED warning',
          }),
          reason: Reason,
        }),
        response: {
          200: Type.Object({
            dryRun: Type.Boolean(),
            records: Type.Array(
              Type.Object({
                file: Type.String(),
                feature: Type.Integer(),
                id: Type.String(),
                systemNumber: Type.Union([Type.String(), Type.Null()]),
                areaM2: Type.Union([Type.Number(), Type.Null()]),
                findings: Type.Integer(),
              }),
            ),
            warnings: Type.Array(Problem),
          }),
          ...errorResponses,
        },
      },
    },
    (request) => {
      const { files, divisionCode, dryRun, repair, reason } = request.body;
      return imports.import(request.actor, files.map(decodeUpload), {
        ...(divisionCode ? { divisionCode } : {}),
        dryRun,
        repair,
        reason,
      });
    },
  );
};
