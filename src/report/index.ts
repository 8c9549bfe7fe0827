/** Charts and the training report (browser-safe; writing files is in ./node/write.ts). */
export { lineChart, scatterChart, heatmap, decisionBoundary, imageGrid } from './charts.js';
export { chartGrid } from './chart-grid.js';
export type {
  ChartBase, LineSeries, LineChartOptions, ScatterChartOptions, HeatmapOptions, DecisionBoundaryOptions,
  GridImage, ImageGridOptions,
} from './charts.js';
export { renderReport, renderReportCharts, reportHtml } from './report.js';
export type { ReportChart, ReportCharts } from './report.js';
export { validateReportData } from './report-data.js';
export type { TrainingReportData, ReportSample } from './report-data.js';
