// One ECharts chart on a canvas. Only the chart types and components the dashboard uses are
// registered (echarts/core), and this module is loaded with the dashboard's chunk only.
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use as register, type ComposeOption, type EChartsType } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// ECharts' own `use` (registering modules), not React's hook.
register([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

/** Renders `option`; re-renders when it changes and follows the element's size. */
export function Chart(props: { option: ChartOption; testId: string; height?: number }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const created = init(el, undefined, { renderer: 'canvas' });
    chart.current = created;
    const observer = new ResizeObserver(() => created.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      created.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(props.option, { notMerge: true });
  }, [props.option]);

  return (
    <div
      ref={element}
      className="chart"
      data-testid={props.testId}
      style={props.height ? { height: props.height } : undefined}
    />
  );
}
