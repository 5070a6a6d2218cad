// KML 2.2 of the register: one Placemark per record with the project name as <name>, a Chinese
// summary as <description>, every export column as typed ExtendedData (a <Schema> with Chinese
// display names) and the geometry as PostGIS wrote it (ST_AsKML, lon/lat degrees). UTF-8.
// Built as a DOM with xmldom, so every value is escaped by the serialiser.
import { DOMImplementation, DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { findUseType, projectClassNames, type ProjectClass } from '../domain/classification.ts';
import { stateNames, type RecordState } from '../domain/lifecycle.ts';
import { toHectares, toMu } from '../domain/record.ts';
import { exportColumns, valueText, type ColumnType, type ExportRow } from './export-columns.ts';
import type { ExportFeature } from './export.store.ts';

const kmlNs = 'http://www.opengis.net/kml/2.2';
const schemaId = 'temporary_land';
const kmlTypes: Record<ColumnType, string> = {
  text: 'string',
  date: 'string',
  real: 'double',
  integer: 'int',
};

/** One line a person reads in a KML viewer's balloon: use, approval, term and area. */
function summary(row: ExportRow): string {
  const parts = [
    row.systemNumber && `系统编号：${row.systemNumber}`,
    `状态：${stateNames[row.state as RecordState]?.zh ?? row.state}`,
    `项目类别：${projectClassNames[row.projectClass as ProjectClass]?.zh ?? row.projectClass}`,
    `用途：${findUseType(row.useType)?.zh ?? row.useType}`,
    row.approvalNumber && `批准文号：${row.approvalNumber}`,
    row.approvalDate && `批准日期：${row.approvalDate}`,
    (row.termStart || row.termEnd) &&
      `使用期限：${row.termStart ?? '？'} 至 ${row.termEnd ?? '？'}`,
    `面积：${row.areaM2.toFixed(2)} 平方米（${toMu(row.areaM2).toFixed(2)} 亩，${toHectares(row.areaM2).toFixed(4)} 公顷）`,
  ];
  return parts.filter(Boolean).join('；');
}

export function writeKml(title: string, features: readonly ExportFeature<string>[]): Uint8Array {
  const doc = new DOMImplementation().createDocument(kmlNs, 'kml', null);
  const kml = doc.documentElement!;
  const el = (
    parent: Element,
    name: string,
    text?: string,
    attributes: Record<string, string> = {},
  ) => {
    const e = doc.createElementNS(kmlNs, name);
    for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
    if (text !== undefined) e.appendChild(doc.createTextNode(text));
    parent.appendChild(e);
    return e;
  };
  const document = el(kml, 'Document');
  el(document, 'name', title);
  const style = el(document, 'Style', undefined, { id: 'parcel' });
  el(el(style, 'LineStyle'), 'color', 'ff0000ff');
  el(el(style, 'PolyStyle'), 'color', '400000ff');
  const schema = el(document, 'Schema', undefined, { name: schemaId, id: schemaId });
  for (const c of exportColumns) {
    const field = el(schema, 'SimpleField', undefined, { name: c.name, type: kmlTypes[c.type] });
    el(field, 'displayName', c.zh);
  }
  const parser = new DOMParser();
  for (const f of features) {
    // XML ids may not start with a digit, as a UUID may.
    const placemark = el(document, 'Placemark', undefined, { id: `tl-${f.attributes.id}` });
    el(placemark, 'name', f.attributes.projectName);
    el(placemark, 'description', summary(f.attributes));
    el(placemark, 'styleUrl', '#parcel');
    const data = el(el(placemark, 'ExtendedData'), 'SchemaData', undefined, {
      schemaUrl: `#${schemaId}`,
    });
    for (const c of exportColumns) {
      const value = valueText(f.attributes[c.name]);
      if (value !== null) el(data, 'SimpleData', value, { name: c.name });
    }
    const geometry = parser.parseFromString(`<g xmlns="${kmlNs}">${f.geometry}</g>`, 'text/xml')
      .documentElement?.firstChild;
    if (geometry) placemark.appendChild(doc.importNode(geometry, true));
  }
  const xml = new XMLSerializer().serializeToString(doc);
  return new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`);
}
