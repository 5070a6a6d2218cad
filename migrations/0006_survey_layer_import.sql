-- Survey layers loaded by the bureaus themselves (reclaim layer import, POST
-- /api/reference/layers/imports): government users may add features in their scope, and a
-- county has at most one current batch per layer — a reload supersedes the previous one.

CREATE POLICY land_class_parcel_insert ON land_class_parcel FOR INSERT TO reclaim_app
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));
CREATE POLICY farmland_parcel_insert ON farmland_parcel FOR INSERT TO reclaim_app
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

CREATE UNIQUE INDEX reference_layer_batch_one_current
  ON reference_layer_batch (layer, division_code) WHERE status = 'current';
