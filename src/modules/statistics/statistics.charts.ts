// Charts drawn on the server as SVG: no JavaScript, no external library, nothing loaded from elsewhere. Each chart is
// an image with a title and a description for assistive technology (role="img", aria-labelledby), and the page puts
// its data table right after it as the accessible alternative. Colours are presentation attributes (the CSP allows no
// inline styles) with at least 4.5:1 contrast for text and 3:1 for the bars against white.
import { html, type SafeHtml } from '../../platform/views/html.ts';

export type Bar = { label: string; value: number; text: string };

const BAR_COLOUR = '#0059b3';
const TEXT_COLOUR = '#1a1a1a';

/** Horizontal bars, one per row: label on the left, the bar, its value written after it. */
export function barChart(options: { id: string; title: string; description: string; bars: Bar[]; max?: number }): SafeHtml {
  const { id, bars } = options;
  const rowHeight = 28;
  const labelWidth = 260;
  const barArea = 360;
  const width = labelWidth + barArea + 90;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const max = Math.max(options.max ?? 0, ...bars.map((b) => b.value), 1);
  return html`<svg class="chart" id="${id}" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${options.title}</title>
<desc id="${id}-desc">${options.description}</desc>
${bars.map((bar, i) => {
  const y = 4 + i * rowHeight;
  const length = Math.round((bar.value / max) * barArea);
  return html`<g>
<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end" font-size="14" fill="${TEXT_COLOUR}">${truncate(bar.label, 34)}</text>
<rect x="${labelWidth}" y="${y + 4}" width="${Math.max(length, bar.value > 0 ? 2 : 0)}" height="${rowHeight - 10}" fill="${BAR_COLOUR}"></rect>
<text x="${labelWidth + length + 6}" y="${y + 18}" font-size="14" fill="${TEXT_COLOUR}">${bar.text}</text>
</g>`;
})}
</svg>`;
}

/** Vertical columns over time (a period's weeks). */
export function columnChart(options: { id: string; title: string; description: string; columns: Bar[] }): SafeHtml {
  const { id, columns } = options;
  const height = 220;
  const top = 24;
  const bottom = 44;
  const left = 48;
  const step = Math.max(18, Math.min(60, Math.floor(640 / Math.max(1, columns.length))));
  const width = left + step * Math.max(1, columns.length) + 16;
  const max = Math.max(...columns.map((c) => c.value), 1);
  const plot = height - top - bottom;
  const yOf = (value: number) => top + plot - Math.round((value / max) * plot);
  return html`<svg class="chart" id="${id}" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${options.title}</title>
<desc id="${id}-desc">${options.description}</desc>
<line x1="${left}" y1="${top + plot}" x2="${width - 8}" y2="${top + plot}" stroke="${TEXT_COLOUR}" stroke-width="1"></line>
<text x="${left - 6}" y="${top + 4}" text-anchor="end" font-size="12" fill="${TEXT_COLOUR}">${String(max)}</text>
<text x="${left - 6}" y="${top + plot}" text-anchor="end" font-size="12" fill="${TEXT_COLOUR}">0</text>
${columns.map((column, i) => {
  const x = left + i * step + 3;
  const y = yOf(column.value);
  return html`<g>
<rect x="${x}" y="${y}" width="${step - 6}" height="${top + plot - y}" fill="${BAR_COLOUR}"></rect>
${columns.length <= 16 || i % Math.ceil(columns.length / 16) === 0 ? html`<text x="${x + (step - 6) / 2}" y="${height - bottom + 16}" text-anchor="middle" font-size="11" fill="${TEXT_COLOUR}">${column.label}</text>` : ''}
</g>`;
})}
</svg>`;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
