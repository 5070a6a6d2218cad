-- Reference data: land classes (GB/T 21010-2017 and the third-survey working classes),
-- administrative divisions (GB/T 2260, with validity), the working-day calendar, and a
-- check that the CGCS2000 frames are present.

DO $$
DECLARE missing int[];
BEGIN
  SELECT array_agg(s) INTO missing
  FROM (SELECT 4490 AS s UNION ALL SELECT generate_series(4513, 4554)) wanted
  WHERE NOT EXISTS (SELECT 1 FROM spatial_ref_sys r WHERE r.srid = wanted.s);
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'reclaim: PostGIS lacks CGCS2000 frames %', missing;
  END IF;
END $$;

CREATE TABLE land_class (
  code          text    PRIMARY KEY,
  name_zh       text    NOT NULL,
  name_en       text    NOT NULL,
  level         integer NOT NULL CHECK (level IN (1, 2, 3)),
  parent_code   text    REFERENCES land_class (code),
  -- 三大类 (Land Administration Law art. 4); NULL for a first-level class that spans several.
  category      text    CHECK (category IN ('agricultural', 'construction', 'unused')),
  is_cultivated boolean NOT NULL DEFAULT false,
  is_wetland    boolean NOT NULL DEFAULT false,
  source        text    NOT NULL CHECK (source IN ('GB/T 21010-2017', '三调工作分类'))
);
CREATE INDEX land_class_parent_idx ON land_class (parent_code);

INSERT INTO land_class (code, name_zh, name_en, level, parent_code, category, is_cultivated, is_wetland, source) VALUES
  ('00',  '湿地',                 'Wetland',                                1, NULL, NULL,           false, true,  '三调工作分类'),
  ('01',  '耕地',                 'Cultivated land',                        1, NULL, 'agricultural', true,  false, 'GB/T 21010-2017'),
  ('02',  '园地',                 'Plantation land',                        1, NULL, 'agricultural', false, false, 'GB/T 21010-2017'),
  ('03',  '林地',                 'Forest land',                            1, NULL, 'agricultural', false, false, 'GB/T 21010-2017'),
  ('04',  '草地',                 'Grassland',                              1, NULL, NULL,           false, false, 'GB/T 21010-2017'),
  ('05',  '商服用地',             'Commercial and service land',            1, NULL, 'construction', false, false, 'GB/T 21010-2017'),
  ('06',  '工矿仓储用地',         'Industrial, mining and storage land',    1, NULL, 'construction', false, false, 'GB/T 21010-2017'),
  ('07',  '住宅用地',             'Residential land',                       1, NULL, 'construction', false, false, 'GB/T 21010-2017'),
  ('08',  '公共管理与公共服务用地', 'Public administration and service land', 1, NULL, 'construction', false, false, 'GB/T 21010-2017'),
  ('09',  '特殊用地',             'Special-use land',                       1, NULL, 'construction', false, false, 'GB/T 21010-2017'),
  ('10',  '交通运输用地',         'Transport land',                         1, NULL, NULL,           false, false, 'GB/T 21010-2017'),
  ('11',  '水域及水利设施用地',   'Water and water-facility land',          1, NULL, NULL,           false, false, 'GB/T 21010-2017'),
  ('12',  '其他土地',             'Other land',                             1, NULL, NULL,           false, false, 'GB/T 21010-2017'),
  ('0101', '水田',     'Paddy field',              2, '01', 'agricultural', true,  false, 'GB/T 21010-2017'),
  ('0102', '水浇地',   'Irrigated land',           2, '01', 'agricultural', true,  false, 'GB/T 21010-2017'),
  ('0103', '旱地',     'Dry land',                 2, '01', 'agricultural', true,  false, 'GB/T 21010-2017'),
  ('0201', '果园',     'Orchard',                  2, '02', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('0202', '茶园',     'Tea garden',               2, '02', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('0203', '橡胶园',   'Rubber plantation',        2, '02', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('0204', '其他园地', 'Other plantation',         2, '02', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('0301', '乔木林地', 'Arbor forest',             2, '03', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('0302', '竹林地',   'Bamboo forest',            2, '03', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('0303', '红树林地', 'Mangrove forest',          2, '03', 'agricultural', false, true,  'GB/T 21010-2017'),
  ('0304', '森林沼泽', 'Forest swamp',             2, '03', 'agricultural', false, true,  'GB/T 21010-2017'),
  ('0305', '灌木林地', 'Shrubland',                2, '03', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('0306', '灌丛沼泽', 'Shrub swamp',              2, '03', 'agricultural', false, true,  'GB/T 21010-2017'),
  ('0307', '其他林地', 'Other forest land',        2, '03', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('0401', '天然牧草地', 'Natural pasture',        2, '04', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('0402', '沼泽草地', 'Marsh grassland',          2, '04', 'agricultural', false, true,  'GB/T 21010-2017'),
  ('0403', '人工牧草地', 'Artificial pasture',     2, '04', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('0404', '其他草地', 'Other grassland',          2, '04', 'unused',       false, false, 'GB/T 21010-2017'),
  ('0501', '零售商业用地', 'Retail',               2, '05', 'construction', false, false, 'GB/T 21010-2017'),
  ('0502', '批发市场用地', 'Wholesale market',     2, '05', 'construction', false, false, 'GB/T 21010-2017'),
  ('0503', '餐饮用地', 'Catering',                 2, '05', 'construction', false, false, 'GB/T 21010-2017'),
  ('0504', '旅馆用地', 'Hotel',                    2, '05', 'construction', false, false, 'GB/T 21010-2017'),
  ('0505', '商务金融用地', 'Business and finance', 2, '05', 'construction', false, false, 'GB/T 21010-2017'),
  ('0506', '娱乐用地', 'Entertainment',            2, '05', 'construction', false, false, 'GB/T 21010-2017'),
  ('0507', '其他商服用地', 'Other commercial',     2, '05', 'construction', false, false, 'GB/T 21010-2017'),
  ('05H1', '商业服务业设施用地', 'Commercial and service facilities', 2, '05', 'construction', false, false, '三调工作分类'),
  ('0508', '物流仓储用地', 'Logistics and storage', 2, '05', 'construction', false, false, '三调工作分类'),
  ('0601', '工业用地', 'Industrial',               2, '06', 'construction', false, false, 'GB/T 21010-2017'),
  ('0602', '采矿用地', 'Mining',                   2, '06', 'construction', false, false, 'GB/T 21010-2017'),
  ('0603', '盐田',     'Salt pan',                 2, '06', 'construction', false, true,  'GB/T 21010-2017'),
  ('0604', '仓储用地', 'Storage',                  2, '06', 'construction', false, false, 'GB/T 21010-2017'),
  ('0701', '城镇住宅用地', 'Urban residential',    2, '07', 'construction', false, false, 'GB/T 21010-2017'),
  ('0702', '农村宅基地', 'Rural homestead',        2, '07', 'construction', false, false, 'GB/T 21010-2017'),
  ('0801', '机关团体用地', 'Government and organisations', 2, '08', 'construction', false, false, 'GB/T 21010-2017'),
  ('0802', '新闻出版用地', 'Press and publishing', 2, '08', 'construction', false, false, 'GB/T 21010-2017'),
  ('0803', '教育用地', 'Education',                2, '08', 'construction', false, false, 'GB/T 21010-2017'),
  ('0804', '科研用地', 'Research',                 2, '08', 'construction', false, false, 'GB/T 21010-2017'),
  ('0805', '医疗卫生用地', 'Health care',          2, '08', 'construction', false, false, 'GB/T 21010-2017'),
  ('0806', '社会福利用地', 'Social welfare',       2, '08', 'construction', false, false, 'GB/T 21010-2017'),
  ('0807', '文化设施用地', 'Cultural facilities',  2, '08', 'construction', false, false, 'GB/T 21010-2017'),
  ('0808', '体育用地', 'Sports',                   2, '08', 'construction', false, false, 'GB/T 21010-2017'),
  ('0809', '公用设施用地', 'Public utilities',     2, '08', 'construction', false, false, 'GB/T 21010-2017'),
  ('0810', '公园与绿地', 'Parks and green space',  2, '08', 'construction', false, false, 'GB/T 21010-2017'),
  ('08H1', '机关团体新闻出版用地', 'Government, organisations and press', 2, '08', 'construction', false, false, '三调工作分类'),
  ('08H2', '科教文卫用地', 'Science, education, culture and health', 2, '08', 'construction', false, false, '三调工作分类'),
  ('0901', '军事设施用地', 'Military facilities',  2, '09', 'construction', false, false, 'GB/T 21010-2017'),
  ('0902', '使领馆用地', 'Embassies and consulates', 2, '09', 'construction', false, false, 'GB/T 21010-2017'),
  ('0903', '监教场所用地', 'Detention facilities', 2, '09', 'construction', false, false, 'GB/T 21010-2017'),
  ('0904', '宗教用地', 'Religious',                2, '09', 'construction', false, false, 'GB/T 21010-2017'),
  ('0905', '殡葬用地', 'Funeral',                  2, '09', 'construction', false, false, 'GB/T 21010-2017'),
  ('0906', '风景名胜设施用地', 'Scenic-spot facilities', 2, '09', 'construction', false, false, 'GB/T 21010-2017'),
  ('1001', '铁路用地', 'Railway',                  2, '10', 'construction', false, false, 'GB/T 21010-2017'),
  ('1002', '轨道交通用地', 'Rail transit',         2, '10', 'construction', false, false, 'GB/T 21010-2017'),
  ('1003', '公路用地', 'Highway',                  2, '10', 'construction', false, false, 'GB/T 21010-2017'),
  ('1004', '城镇村道路用地', 'Urban and village roads', 2, '10', 'construction', false, false, 'GB/T 21010-2017'),
  ('1005', '交通服务场站用地', 'Transport stations', 2, '10', 'construction', false, false, 'GB/T 21010-2017'),
  ('1006', '农村道路', 'Rural road',               2, '10', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('1007', '机场用地', 'Airport',                  2, '10', 'construction', false, false, 'GB/T 21010-2017'),
  ('1008', '港口码头用地', 'Port and wharf',       2, '10', 'construction', false, false, 'GB/T 21010-2017'),
  ('1009', '管道运输用地', 'Pipeline transport',   2, '10', 'construction', false, false, 'GB/T 21010-2017'),
  ('1101', '河流水面', 'River surface',            2, '11', 'unused',       false, false, 'GB/T 21010-2017'),
  ('1102', '湖泊水面', 'Lake surface',             2, '11', 'unused',       false, false, 'GB/T 21010-2017'),
  ('1103', '水库水面', 'Reservoir surface',        2, '11', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('1104', '坑塘水面', 'Pond surface',             2, '11', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('1105', '沿海滩涂', 'Coastal tidal flat',       2, '11', 'unused',       false, true,  'GB/T 21010-2017'),
  ('1106', '内陆滩涂', 'Inland tidal flat',        2, '11', 'unused',       false, true,  'GB/T 21010-2017'),
  ('1107', '沟渠',     'Ditch',                    2, '11', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('1108', '沼泽地',   'Swamp',                    2, '11', 'unused',       false, true,  'GB/T 21010-2017'),
  ('1109', '水工建筑用地', 'Hydraulic structures', 2, '11', 'construction', false, false, 'GB/T 21010-2017'),
  ('1110', '冰川及永久积雪', 'Glacier and permanent snow', 2, '11', 'unused', false, false, 'GB/T 21010-2017'),
  ('1201', '空闲地',   'Vacant land',              2, '12', 'construction', false, false, 'GB/T 21010-2017'),
  ('1202', '设施农用地', 'Agricultural facilities', 2, '12', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('1203', '田坎',     'Field ridge',              2, '12', 'agricultural', false, false, 'GB/T 21010-2017'),
  ('1204', '盐碱地',   'Saline-alkali land',       2, '12', 'unused',       false, false, 'GB/T 21010-2017'),
  ('1205', '沙地',     'Sandy land',               2, '12', 'unused',       false, false, 'GB/T 21010-2017'),
  ('1206', '裸土地',   'Bare soil',                2, '12', 'unused',       false, false, 'GB/T 21010-2017'),
  ('1207', '裸岩石砾地', 'Bare rock and gravel',   2, '12', 'unused',       false, false, 'GB/T 21010-2017'),
  ('1104A', '养殖坑塘', 'Aquaculture pond',        3, '1104', 'agricultural', false, false, '三调工作分类'),
  ('1107A', '干渠',     'Main canal',              3, '1107', 'agricultural', false, false, '三调工作分类'),
  ('08H2A', '高教用地', 'Higher education',        3, '08H2', 'construction', false, false, '三调工作分类'),
  ('0810A', '广场用地', 'Public square',           3, '0810', 'construction', false, false, '三调工作分类');

-- Administrative divisions (GB/T 2260), province, city and county level. Rows are never
-- removed: an abolished code keeps its row with valid_to and superseded_by, so records
-- that cite it stay resolvable. '000000' is the nation (the ministry's scope).
CREATE TABLE division (
  code          text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name          text NOT NULL,
  level         text NOT NULL CHECK (level IN ('nation', 'province', 'city', 'county')),
  parent_code   text REFERENCES division (code),
  province_code text NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
  valid_from    date,
  valid_to      date,
  superseded_by text REFERENCES division (code),
  source        text NOT NULL,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX division_parent_idx ON division (parent_code);
CREATE INDEX division_name_idx ON division (name);
INSERT INTO division (code, name, level, parent_code, province_code, source)
VALUES ('000000', '全国', 'nation', NULL, '00', 'Reclaim: the national scope');

-- Which reference data set (by content hash) is loaded, so start-up skips unchanged data.
CREATE TABLE reference_data_version (
  dataset    text PRIMARY KEY,
  checksum   text NOT NULL,
  rows       integer NOT NULL,
  loaded_at  timestamptz NOT NULL DEFAULT now()
);

-- Working-day calendar. A year is "loaded" when its official schedule (国务院办公厅
-- 部分节假日安排的通知) is in calendar_year; calendar_day lists that year's exceptions to
-- the Monday–Friday week: holidays on weekdays and make-up working days (调休) on weekends.
-- calendar_year is versioned (history of every import); calendar_day is derived from it.
CREATE TABLE calendar_year (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  year          integer     NOT NULL UNIQUE CHECK (year BETWEEN 1990 AND 2200),
  source        text        NOT NULL,
  days          jsonb       NOT NULL,
  division_code text        NOT NULL DEFAULT '000000' REFERENCES division (code),
  version       integer     NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
SELECT reclaim_track_history('calendar_year');

CREATE TABLE calendar_day (
  day     date    PRIMARY KEY,
  year    integer NOT NULL REFERENCES calendar_year (year),
  kind    text    NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name_zh text    NOT NULL,
  name_en text    NOT NULL,
  CHECK (extract(year FROM day) = year)
);
CREATE INDEX calendar_day_year_idx ON calendar_day (year);
-- calendar_day is derived from calendar_year.days by this trigger; nobody writes it directly.
REVOKE INSERT, UPDATE ON calendar_day FROM reclaim_app;

CREATE FUNCTION reclaim_calendar_days_sync() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM calendar_day WHERE year = NEW.year;
  INSERT INTO calendar_day (day, year, kind, name_zh, name_en)
  SELECT (d ->> 'date')::date, NEW.year, d ->> 'kind', d ->> 'nameZh', d ->> 'nameEn'
  FROM jsonb_array_elements(NEW.days) d;
  RETURN NULL;
END $$;
CREATE TRIGGER calendar_year_days_sync AFTER INSERT OR UPDATE ON calendar_year
  FOR EACH ROW EXECUTE FUNCTION reclaim_calendar_days_sync();
