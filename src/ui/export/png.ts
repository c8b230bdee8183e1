/**
 * A chart as a PNG: the chart's SVG is serialised with its computed styles
 * inlined (colours given as CSS variables or classes would otherwise be lost),
 * loaded as an image and drawn on a canvas at 2× with a white background, a
 * header (title, unit, legend) and a footer (as-of date, source). Nothing is
 * fetched from the network.
 */

export type PngLegendKind = 'bar' | 'bar-light' | 'line' | 'dash' | 'dot';

export interface PngLegendItem {
  readonly label: string;
  readonly kind: PngLegendKind;
  /** CSS colour. */
  readonly color: string;
}

export interface ChartPngMeta {
  readonly title: string;
  /** Unit or sub-title line, e.g. "RMB million". */
  readonly subtitle?: string;
  readonly legend: readonly PngLegendItem[];
  /** e.g. "As of June 30, 2026". */
  readonly asOfLine: string;
  /** e.g. "Source: Kingsoft Cloud announcement of April 23, 2026 …". */
  readonly sourceLine: string;
  /** Pixel ratio of the PNG; 2 unless told. */
  readonly scale?: number;
}

/** Style properties that decide how SVG marks look. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

/** Copies the computed style of every element of `source` onto the same element of `target`. */
function inlineStyles(source: Element, target: Element): void {
  const cs = getComputedStyle(source);
  const parts: string[] = [];
  for (const p of STYLE_PROPS) {
    const v = cs.getPropertyValue(p);
    if (v) parts.push(`${p}:${v}`);
  }
  if (parts.length) target.setAttribute('style', `${parts.join(';')};${target.getAttribute('style') ?? ''}`);
  const s = source.children;
  const t = target.children;
  for (let i = 0; i < s.length && i < t.length; i++) inlineStyles(s[i]!, t[i]!);
}

/** The SVG's size in CSS pixels (its width/height attributes, else its layout box). */
export function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const w = Number(svg.getAttribute('width'));
  const h = Number(svg.getAttribute('height'));
  if (w > 0 && h > 0) return { width: w, height: h };
  const r = svg.getBoundingClientRect();
  return { width: Math.round(r.width), height: Math.round(r.height) };
}

/** Self-contained SVG text of a rendered chart, computed styles inlined. */
export function serializeSvg(svg: SVGSVGElement): string {
  const { width, height } = svgSize(svg);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  // Hover state is not part of the chart.
  clone.querySelectorAll('.recharts-tooltip-cursor, .recharts-active-dot').forEach((n) => n.remove());
  return new XMLSerializer().serializeToString(clone);
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
    img.src = src;
  });
}

const FONT =
  "'Inter', 'Segoe UI', system-ui, -apple-system, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const PAD = 24;
const INK = '#14202e';
const SOFT = '#44546a';

/** Splits legend items into rows that fit `maxWidth`. */
function layoutLegend(ctx: CanvasRenderingContext2D, items: readonly PngLegendItem[], maxWidth: number) {
  ctx.font = `13px ${FONT}`;
  const rows: { item: PngLegendItem; x: number }[][] = [[]];
  let x = 0;
  for (const item of items) {
    const w = 26 + ctx.measureText(item.label).width + 18;
    if (x > 0 && x + w > maxWidth) {
      rows.push([]);
      x = 0;
    }
    rows[rows.length - 1]!.push({ item, x });
    x += w;
  }
  return rows.filter((r) => r.length > 0);
}

function drawSwatch(ctx: CanvasRenderingContext2D, kind: PngLegendKind, color: string, x: number, y: number): void {
  ctx.save();
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  switch (kind) {
    case 'bar':
    case 'bar-light':
      ctx.globalAlpha = kind === 'bar-light' ? 0.55 : 1;
      ctx.fillRect(x, y - 6, 18, 12);
      break;
    case 'dot':
      ctx.beginPath();
      ctx.arc(x + 9, y, 5, 0, Math.PI * 2);
      ctx.fill();
      break;
    case 'line':
    case 'dash':
      ctx.lineWidth = 3;
      ctx.setLineDash(kind === 'dash' ? [6, 4] : []);
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + 18, y);
      ctx.stroke();
      break;
  }
  ctx.restore();
}

/** Wraps `text` into lines no wider than `maxWidth` (breaking at spaces, or anywhere for CJK). */
function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const words = /\s/.test(text) ? text.split(/(\s+)/) : [...text];
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line + w;
    if (line && ctx.measureText(next).width > maxWidth) {
      lines.push(line.trimEnd());
      line = w.trimStart();
    } else line = next;
  }
  if (line) lines.push(line.trimEnd());
  return lines;
}

/**
 * Renders a chart SVG with its header and footer to a PNG blob at `meta.scale`
 * (default 2) device pixels per CSS pixel, on white.
 */
export async function chartPngBlob(svg: SVGSVGElement, meta: ChartPngMeta): Promise<Blob> {
  const scale = meta.scale ?? 2;
  const { width: chartW, height: chartH } = svgSize(svg);
  const width = Math.max(chartW + PAD * 2, 480);
  const inner = width - PAD * 2;

  const measure = document.createElement('canvas').getContext('2d')!;
  const legendRows = layoutLegend(measure, meta.legend, inner);
  measure.font = `12px ${FONT}`;
  const footerLines = [meta.asOfLine, ...wrap(measure, meta.sourceLine, inner)];
  measure.font = `600 18px ${FONT}`;
  const titleLines = wrap(measure, meta.title, inner);

  const titleH = titleLines.length * 24;
  const subtitleH = meta.subtitle ? 20 : 0;
  const legendH = legendRows.length * 22;
  const headerH = PAD + titleH + subtitleH + (legendH ? legendH + 8 : 0) + 8;
  const footerH = 12 + footerLines.length * 17 + PAD - 6;
  const height = headerH + chartH + footerH;

  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on a canvas.');
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'alphabetic';

  let y = PAD;
  ctx.fillStyle = INK;
  ctx.font = `600 18px ${FONT}`;
  for (const line of titleLines) {
    y += 20;
    ctx.fillText(line, PAD, y);
    y += 4;
  }
  if (meta.subtitle) {
    ctx.fillStyle = SOFT;
    ctx.font = `13px ${FONT}`;
    y += 16;
    ctx.fillText(meta.subtitle, PAD, y);
    y += 4;
  }
  if (legendRows.length) {
    y += 8;
    ctx.font = `13px ${FONT}`;
    for (const row of legendRows) {
      const cy = y + 11;
      for (const { item, x } of row) {
        drawSwatch(ctx, item.kind, item.color, PAD + x, cy);
        ctx.fillStyle = INK;
        ctx.fillText(item.label, PAD + x + 26, cy + 4.5);
      }
      y += 22;
    }
  }

  const img = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(serializeSvg(svg))}`);
  ctx.drawImage(img, PAD + (inner - chartW) / 2, headerH, chartW, chartH);

  y = headerH + chartH + 12;
  ctx.strokeStyle = '#d8dee7';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(PAD, y - 6);
  ctx.lineTo(width - PAD, y - 6);
  ctx.stroke();
  ctx.font = `12px ${FONT}`;
  footerLines.forEach((line, i) => {
    ctx.fillStyle = i === 0 ? INK : SOFT;
    y += 15;
    ctx.fillText(line, PAD, y);
    y += 2;
  });

  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be written.'))), 'image/png'),
  );
}

/**
 * Reads what a rendered chart figure (ui/charts ChartFrame: figure.chart with
 * .chart-title, .chart-subtitle, .chart-legend and the SVG in .chart-canvas)
 * shows, so the PNG carries the same title and legend as the screen.
 */
export function readChartFigure(
  root: Element,
): { svg: SVGSVGElement; title: string; subtitle: string; legend: PngLegendItem[] } | null {
  const figure = root.matches('figure.chart') ? root : root.querySelector('figure.chart');
  const scope = figure ?? root;
  const svg =
    scope.querySelector<SVGSVGElement>('.recharts-wrapper > svg') ??
    [...scope.querySelectorAll<SVGSVGElement>('svg')].sort(
      (a, b) => svgSize(b).width * svgSize(b).height - svgSize(a).width * svgSize(a).height,
    )[0];
  if (!svg) return null;
  const legend: PngLegendItem[] = [...scope.querySelectorAll('.chart-legend li')].map((li) => {
    const sw = li.querySelector('.legend-swatch');
    const kind = (/legend-(bar-light|bar|line|dash|dot)\b/.exec(sw?.className ?? '')?.[1] ?? 'line') as PngLegendKind;
    const color = sw ? getComputedStyle(sw).color : INK;
    return { label: li.textContent?.trim() ?? '', kind, color };
  });
  return {
    svg,
    title: scope.querySelector('.chart-title')?.textContent?.trim() ?? '',
    subtitle: scope.querySelector('.chart-subtitle')?.textContent?.trim() ?? '',
    legend,
  };
}
