import { formatMinutes, formatPercent } from './filters.js'

const count = (value) => (value === null || value === undefined ? '—' : Number(value).toLocaleString())

// The summary report as tiles: a label (dt) and its figure (dd), with a line of context.
export function kpiTiles(summary) {
  const slaTotal = summary.sla_met + summary.sla_breached
  return [
    { key: 'open', label: 'Open tasks', value: count(summary.open_tasks), note: 'Active or on hold now' },
    { key: 'created', label: 'Created', value: count(summary.created), note: 'Tasks created in the period' },
    { key: 'resolved', label: 'Resolved', value: count(summary.resolved), note: 'Resolved or closed' },
    { key: 'rejected', label: 'Rejected', value: count(summary.rejected) },
    {
      key: 'resolution-median',
      label: 'Median resolution time',
      value: formatMinutes(summary.resolution_minutes_median),
      note: 'Less time on hold',
    },
    {
      key: 'resolution-avg',
      label: 'Average resolution time',
      value: formatMinutes(summary.resolution_minutes_avg),
    },
    {
      key: 'first-response',
      label: 'Median first response',
      value: formatMinutes(summary.first_response_minutes_median),
      note: `Average ${formatMinutes(summary.first_response_minutes_avg)}`,
    },
    {
      key: 'sla',
      label: 'SLA met',
      value: formatPercent(summary.sla_met_percent),
      note: slaTotal ? `${count(summary.sla_met)} met, ${count(summary.sla_breached)} breached` : 'No completed tasks with a target',
    },
  ]
}

export default function KpiTiles({ summary }) {
  return (
    <dl className="kpi-tiles">
      {kpiTiles(summary).map(({ key, label, value, note }) => (
        <div key={key} className="kpi-tile" data-kpi={key}>
          <dt>{label}</dt>
          <dd className="kpi-value">{value}</dd>
          {note && <dd className="kpi-note">{note}</dd>}
        </div>
      ))}
    </dl>
  )
}
