// The four charts. chart.js is tree-shaken: only the pieces used here are registered.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js'
import { Bar, Line } from 'react-chartjs-2'

import { Empty } from '../States.jsx'
import {
  groupLabel,
  hasSlaOutcomes,
  hasStepTimes,
  hasVolume,
  longestStepMinutes,
  minuteStep,
  rowsWithOutcomes,
  slaGroupData,
  slaGroupSummary,
  slaTrendData,
  slaTrendSummary,
  stepData,
  stepLabel,
  stepSummary,
  volumeData,
  volumeSummary,
} from './chartData.js'
import { formatMinutes, formatPercent } from './filters.js'

ChartJS.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip)

const BASE_OPTIONS = {
  responsive: true,
  maintainAspectRatio: false, // the box's CSS height decides, so charts fit phones too
  animation: false,
  plugins: { legend: { position: 'bottom' } },
}

// Rows for horizontal bar charts get a fixed height each, so long lists stay legible.
const barsHeight = (count) => Math.max(200, count * 32 + 70)

// A chart and what a screen reader gets instead: the canvas is an image named by the
// chart's title and described by a one-sentence summary; the figures themselves are in a
// data table anyone can open.
function ChartFigure({ id, label, summary, height = 280, table, children }) {
  return (
    <>
      <p id={`${id}-summary`} className="visually-hidden">
        {summary}
      </p>
      <div className="chart-box" style={{ height }}>
        {children({ role: 'img', 'aria-label': label, 'aria-describedby': `${id}-summary` })}
      </div>
      {table && (
        <details className="chart-data">
          <summary>Show the data</summary>
          <div className="table-scroll">{table}</div>
        </details>
      )}
    </>
  )
}

function DataTable({ caption, columns, rows }) {
  return (
    <table className="report-data-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map(([key, name]) => (
            <th key={key} scope="col">
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index}>
            {columns.map(([key, name, format]) => (
              <td key={key} data-label={name}>
                {format ? format(row[key], row) : row[key]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function SlaTrendChart({ rows, interval }) {
  if (!hasSlaOutcomes(rows)) return <Empty>No tasks with an SLA target were completed in this period.</Empty>
  const options = {
    ...BASE_OPTIONS,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: { stacked: true },
      count: { type: 'linear', position: 'left', stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Tasks' } },
      percent: { type: 'linear', position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: 'SLA met %' } },
    },
  }
  return (
    <ChartFigure
      id="sla-trend"
      label="SLA compliance over time"
      summary={slaTrendSummary(rows, interval)}
      table={
        <DataTable
          caption={`SLA compliance per ${interval}`}
          columns={[
            ['start', interval === 'week' ? 'Week of' : 'Day'],
            ['sla_met', 'Met'],
            ['sla_breached', 'Breached'],
            ['sla_met_percent', 'SLA met', formatPercent],
          ]}
          rows={rows}
        />
      }
    >
      {(canvas) => <Bar data={slaTrendData(rows)} options={options} {...canvas} />}
    </ChartFigure>
  )
}

export function SlaGroupChart({ rows, groupBy, groupName }) {
  if (!rows.length) return <Empty>No tasks in this period.</Empty>
  const shown = rowsWithOutcomes(rows)
  const options = {
    ...BASE_OPTIONS,
    indexAxis: 'y',
    plugins: {
      ...BASE_OPTIONS.plugins,
      legend: { display: false },
      tooltip: {
        callbacks: {
          label: (item) => `SLA met ${formatPercent(item.parsed.x)}`,
          afterLabel: (item) => `${shown[item.dataIndex].met} met, ${shown[item.dataIndex].breached} breached`,
        },
      },
    },
    scales: { x: { min: 0, max: 100, title: { display: true, text: 'SLA met %' } } },
  }
  return (
    <>
      {shown.length ? (
        <ChartFigure
          id="sla-group"
          label={`SLA compliance by ${groupName}`}
          summary={slaGroupSummary(rows, groupBy)}
          height={barsHeight(shown.length)}
        >
          {(canvas) => <Bar data={slaGroupData(rows, groupBy)} options={options} {...canvas} />}
        </ChartFigure>
      ) : (
        <Empty>No tasks with an SLA target were completed in this period.</Empty>
      )}
      <div className="table-scroll">
        <DataTable
          caption={`SLA compliance by ${groupName}`}
          columns={[
            ['label', groupName.charAt(0).toUpperCase() + groupName.slice(1), (_, row) => groupLabel(row, groupBy)],
            ['met', 'Met'],
            ['breached', 'Breached'],
            ['met_percent', 'SLA met', formatPercent],
            ['no_target', 'No target'],
            ['open_breached', 'Open, breached'],
            ['at_risk', 'At risk'],
          ]}
          rows={rows}
        />
      </div>
    </>
  )
}

export function StepChart({ rows }) {
  if (!rows.length || !hasStepTimes(rows)) return <Empty>No steps were entered in this period.</Empty>
  const options = {
    ...BASE_OPTIONS,
    indexAxis: 'y',
    plugins: {
      ...BASE_OPTIONS.plugins,
      tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatMinutes(item.parsed.x)}` } },
    },
    scales: {
      x: {
        beginAtZero: true,
        ticks: { stepSize: minuteStep(longestStepMinutes(rows)), callback: (value) => formatMinutes(value) },
        title: { display: true, text: 'Wall-clock time' },
      },
    },
  }
  return (
    <ChartFigure
      id="steps"
      label="Step bottlenecks"
      summary={stepSummary(rows)}
      height={barsHeight(rows.length * 1.6)}
      table={
        <DataTable
          caption="Time per workflow step"
          columns={[
            ['step', 'Step', (_, row) => stepLabel(row, rows)],
            ['items', 'Items'],
            ['open_items', 'Open'],
            ['avg_minutes_in_step', 'Average in step', formatMinutes],
            ['waited', 'Waited'],
            ['avg_minutes_waiting', 'Average wait', formatMinutes],
            ['breaches', 'Breaches'],
          ]}
          rows={rows}
        />
      }
    >
      {(canvas) => <Bar data={stepData(rows)} options={options} {...canvas} />}
    </ChartFigure>
  )
}

export function VolumeChart({ rows, interval }) {
  if (!hasVolume(rows)) return <Empty>No tasks were created or completed in this period.</Empty>
  const options = {
    ...BASE_OPTIONS,
    interaction: { mode: 'index', intersect: false },
    scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Tasks' } } },
  }
  return (
    <ChartFigure
      id="volume"
      label="Volume trend"
      summary={volumeSummary(rows, interval)}
      table={
        <DataTable
          caption={`Tasks created and completed per ${interval}`}
          columns={[
            ['start', interval === 'week' ? 'Week of' : 'Day'],
            ['created', 'Created'],
            ['completed', 'Completed'],
          ]}
          rows={rows}
        />
      }
    >
      {(canvas) => <Line data={volumeData(rows)} options={options} {...canvas} />}
    </ChartFigure>
  )
}
