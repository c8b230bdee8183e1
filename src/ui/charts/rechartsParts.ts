/**
 * The parts of recharts the charts use, loaded on demand by drawQueue.ts (a
 * dynamic import of 'recharts' itself would bring the whole library: every
 * chart type, about 150 KB gzip instead of about 90).
 */
export {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  LabelList,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  Text,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
