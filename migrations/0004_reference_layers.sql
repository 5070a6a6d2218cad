-- Reference layers from the land-change survey: land-class polygons (地类图斑, DLTB) and
-- permanent basic farmland (永久基本农田图斑, YJJBNTTB). Parcels are overlaid against them.
-- Large tables carry province_code (the future distribution column, see docs/scaling.md).

CREATE TABLE reference_layer_batch (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  layer         text        NOT NULL CHECK (layer IN ('land_class', 'farmland')),
  division_code text        NOT NULL REFERENCES division (code),
  survey_year   integer     NOT NULL CHECK (survey_year BETWEEN 2000 AND 2200),
  source        text        NOT NULL,
  feature_count integer     NOT NULL DEFAULT 0,
  status        text        NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'superseded')),
  version       integer     NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
SELECT reclaim_track_history('reference_layer_batch');
ALTER TABLE reference_layer_batch ENABLE ROW LEVEL SECURITY;
CREATE POLICY reference_layer_batch_scope ON reference_layer_batch TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

CREATE TABLE land_class_parcel (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  batch_id        uuid   NOT NULL REFERENCES reference_layer_batch (id),
  province_code   text   NOT NULL,
  division_code   text   NOT NULL REFERENCES division (code),
  survey_code     text,              -- 图斑编号 (TBBH) as delivered
  land_class_code text   NOT NULL REFERENCES land_class (code),
  area_m2         double precision NOT NULL,  -- ellipsoidal, computed on load
  geom            geometry(MultiPolygon, 4490) NOT NULL,
  CHECK (province_code = left(division_code, 2))
);
CREATE INDEX land_class_parcel_geom_idx ON land_class_parcel USING gist (geom);
CREATE INDEX land_class_parcel_scope_idx ON land_class_parcel (province_code, division_code);
CREATE INDEX land_class_parcel_batch_idx ON land_class_parcel (batch_id);
ALTER TABLE land_class_parcel ENABLE ROW LEVEL SECURITY;
CREATE POLICY land_class_parcel_scope ON land_class_parcel FOR SELECT TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code));

CREATE TABLE farmland_parcel (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  batch_id      uuid   NOT NULL REFERENCES reference_layer_batch (id),
  province_code text   NOT NULL,
  division_code text   NOT NULL REFERENCES division (code),
  survey_code   text,
  area_m2       double precision NOT NULL,
  geom          geometry(MultiPolygon, 4490) NOT NULL,
  CHECK (province_code = left(division_code, 2))
);
CREATE INDEX farmland_parcel_geom_idx ON farmland_parcel USING gist (geom);
CREATE INDEX farmland_parcel_scope_idx ON farmland_parcel (province_code, division_code);
CREATE INDEX farmland_parcel_batch_idx ON farmland_parcel (batch_id);
ALTER TABLE farmland_parcel ENABLE ROW LEVEL SECURITY;
CREATE POLICY farmland_parcel_scope ON farmland_parcel FOR SELECT TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code));
