// The reports' rows → chart.js data, and the one-sentence summaries screen readers get
// for each chart. Pure, so tested without a canvas.
import { formatMinutes, formatPercent } from './filters.js'

export const COLORS = {
  accent: '#1f5fbf',
  ok: '#1d7a46',
  okFill: 'rgba(29, 122, 70, 0.55)',
  bad: '#b42318',
  badFill: 'rgba(180, 35, 24, 0.55)',
  warn: '#9a6a00',
  warnFill: 'rgba(154, 106, 0, 0.55)',
  accentFill: 'rgba(31, 95, 191, 0.7)',
}

const sum = (rows, key) => rows.reduce((total, row) => total + (Number(row[key]) || 0), 0)
const plural = (n, one, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`

// ---- SLA compliance over time (volume report)

export const hasSlaOutcomes = (rows) => rows.some((row) => row.sla_met + row.sla_breached > 0)

export function slaTrendData(rows) {
  return {
    labels: rows.map((row) => row.start),
    datasets: [
      {
        type: 'line',
        label: 'SLA met %',
        data: rows.map((row) => row.sla_met_percent),
        yAxisID: 'percent',
        borderColor: COLORS.accent,
        backgroundColor: COLORS.accent,
        spanGaps: true,
        tension: 0.2,
        order: 0,
      },
      { type: 'bar', label: 'Met', data: rows.map((row) => row.sla_met), yAxisID: 'count', stack: 'sla', backgroundColor: COLORS.okFill, order: 1 },
      { type: 'bar', label: 'Breached', data: rows.map((row) => row.sla_breached), yAxisID: 'count', stack: 'sla', backgroundColor: COLORS.badFill, order: 1 },
    ],
  }
}

export function slaTrendSummary(rows, interval) {
  const met = sum(rows, 'sla_met')
  const breached = sum(rows, 'sla_breached')
  const percents = rows.map((row) => row.sla_met_percent).filter((value) => value !== null && value !== undefined)
  const range = percents.length
    ? ` Per ${interval}, SLA met ranged from ${formatPercent(Math.min(...percents))} to ${formatPercent(Math.max(...percents))}.`
    : ''
  const overall = met + breached ? ` (${formatPercent((100 * met) / (met + breached))})` : ''
  return `${rows.length ? `${rows[0].start} to ${rows[rows.length - 1].start}` : 'No period'}: ${plural(met, 'task')} met the SLA and ${breached.toLocaleString()} breached it${overall}.${range}`
}

// ---- SLA compliance by group (sla report)

export const rowsWithOutcomes = (rows) => rows.filter((row) => row.met_percent !== null && row.met_percent !== undefined)

export const groupLabel = (row, groupBy) =>
  groupBy === 'priority' && row.label ? row.label.charAt(0).toUpperCase() + row.label.slice(1) : String(row.label)

export function slaGroupData(rows, groupBy) {
  const shown = rowsWithOutcomes(rows)
  return {
    labels: shown.map((row) => groupLabel(row, groupBy)),
    datasets: [{ label: 'SLA met %', data: shown.map((row) => row.met_percent), backgroundColor: COLORS.accentFill }],
  }
}

export function slaGroupSummary(rows, groupBy) {
  const shown = rowsWithOutcomes(rows)
  if (!shown.length) return 'No SLA outcomes.'
  const parts = shown.map((row) => `${groupLabel(row, groupBy)} ${formatPercent(row.met_percent)} (${row.met} met, ${row.breached} breached)`)
  return `SLA met by ${groupBy}: ${parts.join('; ')}.`
}

// ---- step bottlenecks (steps report)

export const hasStepTimes = (rows) =>
  rows.some((row) => row.avg_minutes_in_step !== null || row.avg_minutes_waiting !== null)

export function stepLabel(row, rows) {
  const workflows = new Set(rows.map((r) => r.workflow_id))
  return workflows.size > 1 ? `${row.step} (${row.workflow})` : row.step
}

// A tick step for an axis of minutes that reads well once formatted (15 min, 2 h, 1 d…),
// giving at most `ticks` intervals up to `max`.
const MINUTE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 10080, 20160, 43200]
export function minuteStep(max, ticks = 6) {
  const step = MINUTE_STEPS.find((candidate) => max / candidate <= ticks)
  return step || Math.ceil(max / ticks / 43200) * 43200
}

export const longestStepMinutes = (rows) =>
  Math.max(0, ...rows.flatMap((row) => [row.avg_minutes_in_step, row.avg_minutes_waiting]).filter((v) => v !== null))

export function stepData(rows) {
  return {
    labels: rows.map((row) => stepLabel(row, rows)),
    datasets: [
      { label: 'Average time in step', data: rows.map((row) => row.avg_minutes_in_step), backgroundColor: COLORS.accentFill },
      { label: 'Average wait in queue', data: rows.map((row) => row.avg_minutes_waiting), backgroundColor: COLORS.warnFill },
    ],
  }
}

function longest(rows, key) {
  return rows.reduce((best, row) => (row[key] !== null && (best === null || row[key] > best[key]) ? row : best), null)
}

export function stepSummary(rows) {
  const inStep = longest(rows, 'avg_minutes_in_step')
  const waiting = longest(rows, 'avg_minutes_waiting')
  const parts = [`${plural(rows.length, 'step')}.`]
  if (inStep) parts.push(`Longest average time in step: ${stepLabel(inStep, rows)}, ${formatMinutes(inStep.avg_minutes_in_step)}.`)
  if (waiting) parts.push(`Longest average wait: ${stepLabel(waiting, rows)}, ${formatMinutes(waiting.avg_minutes_waiting)}.`)
  return parts.join(' ')
}

// ---- volume trend (volume report)

export const hasVolume = (rows) => rows.some((row) => row.created + row.completed > 0)

export function volumeData(rows) {
  return {
    labels: rows.map((row) => row.start),
    datasets: [
      { label: 'Created', data: rows.map((row) => row.created), borderColor: COLORS.accent, backgroundColor: COLORS.accent, tension: 0.2 },
      { label: 'Completed', data: rows.map((row) => row.completed), borderColor: COLORS.ok, backgroundColor: COLORS.ok, tension: 0.2, pointStyle: 'rect' },
    ],
  }
}

export function volumeSummary(rows, interval) {
  if (!rows.length) return 'No period.'
  const busiest = rows.reduce((best, row) => (row.created > best.created ? row : best), rows[0])
  return (
    `${rows[0].start} to ${rows[rows.length - 1].start} by ${interval}: ${plural(sum(rows, 'created'), 'task')} created, ` +
    `${sum(rows, 'completed').toLocaleString()} completed. Most created: ${busiest.created.toLocaleString()} ${interval === 'week' ? 'in the week of' : 'on'} ${busiest.start}.`
  )
}
