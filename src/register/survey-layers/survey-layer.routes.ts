// Loading survey reference layers over HTTP (the county's land-class patches, permanent basic
// farmland or division boundaries), all or nothing, with the register's overlay recomputed
// after a patch layer.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
import { decodeUpload, FileUpload } from '../../server/file-upload.ts';
import { DivisionCode, errorResponses, Reason } from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';

export const surveyLayerRoutes: RoutePlugin = (app, { surveyLayers }) => {
  app.post(
    '/api/layers/imports',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['layers'],
        summary:
          "Load a county's survey layer (land-class patches with DLBM, permanent basic farmland, or division boundaries 行政区 with XZQDM and XZQMC) from any import format; supersedes the county's current batch and, for the patch layers, recomputes the overlay of its live records. Division boundaries may be loaded by a city, province or the ministry as one file of several counties (divisionCode: the loader's division or one inside it; every boundary must lie in it): a batch per county in the file, each superseding that county's, all or nothing",
        body: Type.Object({
          layer: Type.Union([
            Type.Literal('land_class'),
            Type.Literal('farmland'),
            Type.Literal('division'),
          ]),
          divisionCode: DivisionCode,
          surveyYear: Type.Integer({ minimum: 2000, maximum: 2200 }),
          source: Type.String({ minLength: 2, maxLength: 500 }),
          files: Type.Array(FileUpload, { minItems: 1, maxItems: 20 }),
          dryRun: Type.Boolean({ default: false }),
          reason: Reason,
        }),
        response: {
          200: Type.Object({
            dryRun: Type.Boolean(),
            batchId: Type.String(),
            layer: Type.String(),
            divisionCode: Type.String(),
            batches: Type.Array(
              Type.Object({
                batchId: Type.String(),
                divisionCode: Type.String(),
                features: Type.Integer(),
                supersededBatches: Type.Array(Type.String()),
              }),
            ),
            features: Type.Integer(),
            areaM2: Type.Number(),
            supersededBatches: Type.Array(Type.String()),
            reoverlay: Type.Object({
              checked: Type.Integer(),
              changed: Type.Array(
                Type.Object({
                  id: Type.String(),
                  systemNumber: Type.Union([Type.String(), Type.Null()]),
                }),
              ),
            }),
            warnings: Type.Array(Type.Ref('Problem')),
          }),
          ...errorResponses,
        },
      },
    },
    (request) => {
      const { files, ...input } = request.body;
      return surveyLayers.import(request.actor, files.map(decodeUpload), input);
    },
  );
};
