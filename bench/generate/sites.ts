// Coal-mining areas the synthetic parcels cluster around: Xuzhou in Jiangsu and the Shanxi
// coalfields (Datong, Ningwu, Xishan, Qinshui, Huoxi, Hedong). Each site is a real county
// (GB/T 2260 code from src/reference/divisions/divisions.json) with an approximate position
// near its mines, typed by hand to about 0.05°; see bench/README.md on how loosely a
// cluster's parcels match its county.

export interface MiningSite {
  /** County-level division code (GB/T 2260). */
  divisionCode: string;
  county: string;
  /** A mine or coalfield near which the cluster is centred. */
  mine: string;
  /** Approximate centre, degrees in EPSG:4490. */
  lng: number;
  lat: number;
}

/** In priority order: a layout takes the first sites whose boxes do not overlap. */
export const miningSites: readonly MiningSite[] = [
  { divisionCode: '320305', county: '贾汪区', mine: '旗山', lng: 117.45, lat: 34.44 },
  { divisionCode: '320322', county: '沛县', mine: '大屯', lng: 116.93, lat: 34.8 },
  { divisionCode: '320312', county: '铜山区', mine: '张集', lng: 117.05, lat: 34.12 },
  { divisionCode: '140181', county: '古交市', mine: '西曲', lng: 112.17, lat: 37.91 },
  { divisionCode: '140603', county: '平鲁区', mine: '安太堡', lng: 112.29, lat: 39.51 },
  { divisionCode: '140214', county: '云冈区', mine: '燕子山', lng: 113.13, lat: 40.03 },
  { divisionCode: '140521', county: '沁水县', mine: '端氏', lng: 112.19, lat: 35.69 },
  { divisionCode: '140525', county: '泽州县', mine: '巴公', lng: 112.84, lat: 35.5 },
  { divisionCode: '141181', county: '孝义市', mine: '西辛庄', lng: 111.78, lat: 37.14 },
  { divisionCode: '141125', county: '柳林县', mine: '沙曲', lng: 110.89, lat: 37.43 },
  { divisionCode: '140311', county: '郊区', mine: '荫营', lng: 113.55, lat: 37.92 },
  { divisionCode: '140423', county: '襄垣县', mine: '五阳', lng: 113.05, lat: 36.53 },
  { divisionCode: '141029', county: '乡宁县', mine: '台头', lng: 110.85, lat: 35.97 },
  { divisionCode: '140522', county: '阳城县', mine: '寺河', lng: 112.41, lat: 35.49 },
  { divisionCode: '140404', county: '上党区', mine: '王庄', lng: 113.05, lat: 36.05 },
  { divisionCode: '140221', county: '阳高县', mine: '王官屯', lng: 113.75, lat: 40.36 },
  { divisionCode: '140925', county: '宁武县', mine: '阳方口', lng: 112.3, lat: 39.0 },
  { divisionCode: '141082', county: '霍州市', mine: '辛置', lng: 111.72, lat: 36.57 },
  { divisionCode: '140723', county: '和顺县', mine: '天池', lng: 113.57, lat: 37.33 },
  { divisionCode: '140429', county: '武乡县', mine: '洪水', lng: 112.86, lat: 36.84 },
  { divisionCode: '140621', county: '山阴县', mine: '北辛窑', lng: 112.82, lat: 39.53 },
  { divisionCode: '141122', county: '交城县', mine: '岔口', lng: 112.16, lat: 37.55 },
  { divisionCode: '141130', county: '交口县', mine: '回龙', lng: 111.18, lat: 36.98 },
  { divisionCode: '141024', county: '洪洞县', mine: '曹村', lng: 111.67, lat: 36.25 },
  { divisionCode: '140212', county: '新荣区', mine: '花园屯', lng: 113.14, lat: 40.26 },
  { divisionCode: '141127', county: '岚县', mine: '袁家村', lng: 111.67, lat: 38.28 },
  { divisionCode: '141126', county: '石楼县', mine: '义牒', lng: 110.83, lat: 37.0 },
];
