import { useEffect, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'

import { reportCsvUrl } from '../../api/workflow.js'
import { ErrorMessage, Loading } from '../../components/States.jsx'
import AgentTable from '../../components/reports/AgentTable.jsx'
import { SlaGroupChart, SlaTrendChart, StepChart, VolumeChart } from '../../components/reports/Charts.jsx'
import KpiTiles from '../../components/reports/KpiTiles.jsx'
import ReportFilterForm from '../../components/reports/ReportFilterForm.jsx'
import {
  GROUP_BY,
  REPORTS,
  describeFilterError,
  describePeriod,
  filtersFromQuery,
  filtersToQuery,
  isoDay,
  periodRange,
  reportParams,
  validateFilters,
} from '../../components/reports/filters.js'
import { useReport, useWorkflows } from '../../components/reports/hooks.js'
import '../../styles/reports.css'

// /admin/reports: KPIs, SLA, volume, step and agent reports for admins and ticket
// coordinators. Every filter lives in the URL, so a link reproduces the view.
export default function DashboardPage() {
  const [searchParams, setSearchParams] = useSearchParams()
  const today = useMemo(() => isoDay(), [])
  const filters = useMemo(() => filtersFromQuery(searchParams), [searchParams])
  const invalid = validateFilters(filters, today)
  const params = Object.fromEntries(REPORTS.map((name) => [name, invalid ? null : reportParams(name, filters, today)]))

  const summary = useReport('summary', params.summary)
  const sla = useReport('sla', params.sla)
  const agents = useReport('agents', params.agents)
  const steps = useReport('steps', params.steps)
  const volume = useReport('volume', params.volume)
  const workflows = useWorkflows()

  const update = (patch) => setSearchParams(filtersToQuery({ ...filters, ...patch }))
  const reset = () => setSearchParams(new URLSearchParams())

  // The API's 400 names the same filter for every report: say it once, by the filters.
  const rejected = [summary, sla, agents, steps, volume].find((report) => report.error?.status === 400)?.error
  const blocked = (report) => Boolean(invalid) || report.error?.status === 400

  const workflowList = useMemo(() => workflows.data?.results || [], [workflows.data])
  const departments = useMemo(
    () => [...new Set(workflowList.map((w) => w.department).filter(Boolean))].sort((a, b) => a.localeCompare(b)),
    [workflowList],
  )
  const agentOptions = useKnownAgents(agents.data?.results)
  const groupName = GROUP_BY.find(([key]) => key === filters.groupBy)[1].toLowerCase()
  const period = summary.data ? describePeriod(summary.data.since, summary.data.until) : null
  const asked = periodRange(filters, today)

  return (
    <section className="reports-page" aria-labelledby="reports-heading">
      <div className="reports-head">
        <h1 id="reports-heading">Reports</h1>
        <p className="reports-period" aria-live="polite">
          {period
            ? `${period.from} to ${period.to} (UTC)`
            : asked.since && asked.until && !invalid
              ? `${asked.since} to ${asked.until} (UTC)`
              : ''}
        </p>
      </div>
      <ReportFilterForm
        filters={filters}
        onChange={update}
        onReset={reset}
        workflows={workflowList}
        departments={departments}
        agents={agentOptions}
        errors={invalid}
        today={today}
      />
      {invalid && (
        <p className="state reports-blocked" role="status">
          Fix the dates above to see the reports.
        </p>
      )}
      {rejected && <ErrorMessage error={`These filters cannot be used. ${describeFilterError(rejected)}`} />}

      <ReportSection id="kpi" title="Key figures" report={summary} blocked={blocked(summary)} csv="summary" csvParams={params.summary} csvName="summary">
        {(data) => <KpiTiles summary={data} />}
      </ReportSection>

      <div className="report-grid">
        <ReportSection
          id="sla-trend"
          title="SLA compliance over time"
          description={`Tasks completed per ${filters.interval} that had a resolution target: met, breached, and the share met.`}
          report={volume}
          blocked={blocked(volume)}
        >
          {(data) => <SlaTrendChart rows={data.results} interval={data.interval} />}
        </ReportSection>

        <ReportSection
          id="volume"
          title="Volume trend"
          description={`Tasks created and completed per ${filters.interval}.`}
          report={volume}
          blocked={blocked(volume)}
          csv="volume"
          csvParams={params.volume}
          csvName="volume"
        >
          {(data) => <VolumeChart rows={data.results} interval={data.interval} />}
        </ReportSection>

        <ReportSection
          id="sla-group"
          className="report-wide"
          title={`SLA compliance by ${groupName}`}
          description={
            filters.groupBy === 'workflow' || filters.groupBy === 'priority'
              ? 'Tasks completed in the period against their resolution target; open breaches and risks are as of now.'
              : 'Step items that left their holder in the period against their step target; open breaches and risks are as of now.'
          }
          report={sla}
          blocked={blocked(sla)}
          csv="sla"
          csvParams={params.sla}
          csvName="SLA"
          toolbar={
            <div className="report-toolbar">
              <label htmlFor="report-group-by">Group by</label>
              <select id="report-group-by" value={filters.groupBy} onChange={(event) => update({ groupBy: event.target.value })}>
                {GROUP_BY.map(([value, name]) => (
                  <option key={value} value={value}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
          }
        >
          {(data) => <SlaGroupChart rows={data.results} groupBy={data.group_by} groupName={groupName} />}
        </ReportSection>

        <ReportSection
          id="steps"
          className="report-wide"
          title="Step bottlenecks"
          description="Average wall-clock time items spent in each step once assigned, and waiting in the team's queue before that, for items that entered the step in the period."
          report={steps}
          blocked={blocked(steps)}
          csv="steps"
          csvParams={params.steps}
          csvName="steps"
        >
          {(data) => <StepChart rows={data.results} />}
        </ReportSection>
      </div>

      <ReportSection
        id="agents"
        title="Agent performance"
        description="Items each agent acted on in the period and their average time per item (wall-clock, from assignment); open items are as of now."
        report={agents}
        blocked={blocked(agents)}
        csv="agents"
        csvParams={params.agents}
        csvName="agents"
      >
        {(data) => (data.results.length ? <AgentTable rows={data.results} /> : <p className="state state-empty">No agent held an item in this period.</p>)}
      </ReportSection>
    </section>
  )
}

// One report's card: heading, description, its CSV link, and its loading, error and
// blocked states around `children(data)`.
function ReportSection({ id, title, description, report, blocked, csv, csvParams, csvName, toolbar, className, children }) {
  const { data, error, loading, reload } = report
  let body
  if (blocked) body = <p className="state">No figures for these filters.</p>
  else if (error) body = <ErrorMessage error={error} onRetry={reload} />
  else if (loading && !data) body = <Loading label={`Loading ${title.toLowerCase()}…`} />
  else if (data) body = children(data)
  return (
    <section className={`report-card${className ? ` ${className}` : ''}`} aria-labelledby={`${id}-heading`} aria-busy={loading || undefined}>
      <div className="report-card-head">
        <h2 id={`${id}-heading`}>{title}</h2>
        {toolbar}
        {csv && csvParams && !blocked && (
          <a className="report-csv" href={reportCsvUrl(csv, csvParams)} download>
            Download {csvName} CSV
          </a>
        )}
      </div>
      {description && <p className="report-description">{description}</p>}
      {body}
    </section>
  )
}

// Agents to filter by: everyone the agents report has shown this visit. Once an agent is
// picked the report lists only them, so the earlier answers keep the others selectable.
function useKnownAgents(rows) {
  const [known, setKnown] = useState({})
  useEffect(() => {
    if (!rows?.length) return
    setKnown((current) => {
      const fresh = rows.filter((row) => current[row.agent_id] !== (row.name || `User ${row.agent_id}`))
      if (!fresh.length) return current
      return { ...current, ...Object.fromEntries(fresh.map((row) => [row.agent_id, row.name || `User ${row.agent_id}`])) }
    })
  }, [rows])
  return useMemo(
    () =>
      Object.entries(known)
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [known],
  )
}
