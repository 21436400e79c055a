import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import DashboardPage from './DashboardPage.jsx'
import { renderRoute } from '../../test/routing.jsx'

// jsdom has no canvas: each chart becomes an element carrying what chart.js would get.
vi.mock('react-chartjs-2', () => {
  const fake = (kind) =>
    function FakeChart({ data, options, ...canvas }) {
      return <div {...canvas} data-kind={kind} data-chart={JSON.stringify(data)} data-index-axis={options?.indexAxis || 'x'} />
    }
  return { Bar: fake('bar'), Line: fake('line'), Chart: fake('chart') }
})

const PERIOD = { since: '2026-02-09T00:00:00Z', until: '2026-03-11T00:00:00Z' }
const SUMMARY = {
  ...PERIOD,
  open_tasks: 12,
  created: 1040,
  resolved: 30,
  rejected: 2,
  resolution_minutes_avg: 300.4,
  resolution_minutes_median: 200,
  first_response_minutes_avg: 50,
  first_response_minutes_median: 45,
  sla_met: 27,
  sla_breached: 3,
  sla_met_percent: 90,
}
const slaRow = (key, label, met, breached, met_percent) => ({ key, label, met, breached, met_percent, no_target: 0, open_breached: 1, at_risk: 2 })
const SLA = { ...PERIOD, group_by: 'workflow', results: [slaRow(1, 'IT support', 20, 2, 90.9), slaRow(2, 'Onboarding', 7, 1, 87.5)] }
const ADA = { agent_id: 7, name: 'Ada Agent', items_handled: 15, avg_minutes_per_item: 95.5, reassignments: 1, escalations: 0, open_items: 3 }
const BO = { agent_id: 9, name: 'Bo Bishop', items_handled: 4, avg_minutes_per_item: null, reassignments: 0, escalations: 2, open_items: 5 }
const AGENTS = { ...PERIOD, results: [ADA, BO] }
const step = (name, inStep, waiting) => ({
  workflow_id: 1,
  workflow: 'IT support',
  step: name,
  items: 10,
  open_items: 1,
  avg_minutes_in_step: inStep,
  waited: 4,
  avg_minutes_waiting: waiting,
  breaches: 0,
})
const STEPS = { ...PERIOD, results: [step('Triage', 35, 12.5), step('Fix', 240, null)] }
const bucket = (start, created, completed, sla_met, sla_breached, sla_met_percent) => ({ start, created, completed, sla_met, sla_breached, sla_met_percent })
const VOLUME = {
  ...PERIOD,
  interval: 'day',
  results: [bucket('2026-03-08', 3, 2, 1, 1, 50), bucket('2026-03-09', 5, 4, 4, 0, 100), bucket('2026-03-10', 0, 0, 0, 0, null)],
}
const WORKFLOWS = {
  count: 2,
  next: null,
  previous: null,
  results: [
    { id: 1, name: 'IT support', department: 'IT' },
    { id: 2, name: 'Onboarding', department: 'Human Resources' },
  ],
}

const json = (body, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
let answers

function mockFetch() {
  const fetch = vi.fn(async (url) => {
    const { pathname } = new URL(url, 'http://tts.test')
    const answer = answers[pathname]
    if (!answer) return json({ detail: 'Not found.' }, 404)
    return typeof answer === 'function' ? answer(url) : json(answer)
  })
  vi.stubGlobal('fetch', fetch)
  return fetch
}

// The query strings the page asked a report with, in order.
const asked = (fetch, name) =>
  fetch.mock.calls.map(([url]) => url).filter((url) => url.startsWith(`/api/v1/reports/${name}/`)).map((url) => url.split('?')[1] || '')

const renderAt = (url) => renderRoute(url, '/admin/reports', <DashboardPage />)

const chart = (name) => JSON.parse(screen.getByRole('img', { name }).dataset.chart)
const tile = (label) => screen.getByText(label, { selector: 'dt' }).parentElement
const region = (name) => screen.getByRole('region', { name })

describe('DashboardPage', () => {
  let fetch
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-10T15:00:00Z'))
    answers = {
      '/api/v1/reports/summary/': SUMMARY,
      '/api/v1/reports/sla/': SLA,
      '/api/v1/reports/agents/': AGENTS,
      '/api/v1/reports/steps/': STEPS,
      '/api/v1/reports/volume/': VOLUME,
      '/api/v1/workflows/': WORKFLOWS,
    }
    fetch = mockFetch()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('shows the summary figures as tiles', async () => {
    renderAt('/admin/reports')
    expect(screen.getByRole('heading', { level: 1, name: 'Reports' })).toBeInTheDocument()
    await within(region('Key figures')).findByText('Open tasks')
    expect(tile('Open tasks')).toHaveTextContent('12')
    expect(tile('Created')).toHaveTextContent((1040).toLocaleString())
    expect(tile('Resolved')).toHaveTextContent('30')
    expect(tile('Rejected')).toHaveTextContent('2')
    expect(tile('Median resolution time')).toHaveTextContent('3 h 20 min')
    expect(tile('Average resolution time')).toHaveTextContent('5 h')
    expect(tile('Median first response')).toHaveTextContent('45 min')
    expect(tile('Median first response')).toHaveTextContent('Average 50 min')
    expect(tile('SLA met')).toHaveTextContent('90%')
    expect(tile('SLA met')).toHaveTextContent('27 met, 3 breached')
    expect(screen.getByText('2026-02-09 to 2026-03-10 (UTC)')).toBeInTheDocument()
    // the default period: the last 30 days, today included
    expect(asked(fetch, 'summary')).toEqual(['since=2026-02-09&until=2026-03-10'])
    expect(asked(fetch, 'sla')).toEqual(['since=2026-02-09&until=2026-03-10&group_by=workflow'])
    expect(asked(fetch, 'volume')).toEqual(['since=2026-02-09&until=2026-03-10&interval=day'])
  })

  it('hands each chart its report\'s figures', async () => {
    renderAt('/admin/reports')
    await screen.findByRole('img', { name: 'SLA compliance over time' })

    const trend = chart('SLA compliance over time')
    expect(trend.labels).toEqual(['2026-03-08', '2026-03-09', '2026-03-10'])
    expect(trend.datasets.map((d) => [d.label, d.data])).toEqual([
      ['SLA met %', [50, 100, null]],
      ['Met', [1, 4, 0]],
      ['Breached', [1, 0, 0]],
    ])

    const byWorkflow = chart('SLA compliance by workflow')
    expect(byWorkflow.labels).toEqual(['IT support', 'Onboarding'])
    expect(byWorkflow.datasets[0].data).toEqual([90.9, 87.5])

    const steps = chart('Step bottlenecks')
    expect(steps.labels).toEqual(['Triage', 'Fix'])
    expect(steps.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Average time in step', [35, 240]],
      ['Average wait in queue', [12.5, null]],
    ])
    expect(screen.getByRole('img', { name: 'Step bottlenecks' })).toHaveAttribute('data-index-axis', 'y')

    const volume = chart('Volume trend')
    expect(volume.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Created', [3, 5, 0]],
      ['Completed', [2, 4, 0]],
    ])

    // screen readers get a summary of each chart
    expect(screen.getByRole('img', { name: 'Volume trend' })).toHaveAccessibleDescription(
      '2026-03-08 to 2026-03-10 by day: 8 tasks created, 6 completed. Most created: 5 on 2026-03-09.',
    )
    expect(screen.getByRole('img', { name: 'SLA compliance over time' })).toHaveAccessibleDescription(/5 tasks met the SLA and 1 breached it \(83\.3%\)/)
  })

  it('refetches with the filters a change puts in the URL', async () => {
    const user = userEvent.setup()
    renderAt('/admin/reports')
    await screen.findByRole('option', { name: 'IT support' })

    await user.selectOptions(screen.getByLabelText('Workflow'), 'IT support')
    expect(screen.getByTestId('where')).toHaveTextContent('/admin/reports?workflow=1')
    await waitFor(() => expect(asked(fetch, 'summary').at(-1)).toBe('since=2026-02-09&until=2026-03-10&workflow=1'))

    await user.selectOptions(screen.getByLabelText('Period'), 'Last 7 days')
    await user.selectOptions(screen.getByLabelText('Department'), 'Human Resources')
    expect(screen.getByTestId('where')).toHaveTextContent('/admin/reports?period=7d&workflow=1&department=Human+Resources')
    await waitFor(() =>
      expect(asked(fetch, 'agents').at(-1)).toBe('since=2026-03-04&until=2026-03-10&workflow=1&department=Human+Resources'),
    )

    // group by refetches the SLA report alone
    const before = { summary: asked(fetch, 'summary').length, sla: asked(fetch, 'sla').length }
    await user.selectOptions(screen.getByLabelText('Group by'), 'Team')
    expect(await screen.findByRole('heading', { name: 'SLA compliance by team' })).toBeInTheDocument()
    await waitFor(() => expect(asked(fetch, 'sla')).toHaveLength(before.sla + 1))
    expect(asked(fetch, 'sla').at(-1)).toMatch(/&group_by=team$/)
    expect(asked(fetch, 'summary')).toHaveLength(before.summary)

    await user.selectOptions(screen.getByLabelText('Interval'), 'Week')
    await waitFor(() => expect(asked(fetch, 'volume').at(-1)).toMatch(/&interval=week$/))

    await user.click(screen.getByRole('button', { name: 'Reset filters' }))
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/admin\/reports$/)
  })

  it('switches to custom dates starting from the preset and applies them', async () => {
    const user = userEvent.setup()
    renderAt('/admin/reports?period=7d')
    await screen.findByText('Open tasks')
    await user.selectOptions(screen.getByLabelText('Period'), 'Custom dates')
    expect(screen.getByLabelText('From')).toHaveValue('2026-03-04')
    expect(screen.getByLabelText('Until')).toHaveValue('2026-03-10')
    expect(screen.getByTestId('where')).toHaveTextContent('/admin/reports?period=custom&since=2026-03-04&until=2026-03-10')
  })

  it('reads a shared link back into the filters', async () => {
    renderAt('/admin/reports?since=2026-01-01&until=2026-01-31&agent=9&group_by=priority&interval=week')
    await screen.findByText('Open tasks')
    expect(screen.getByLabelText('Period')).toHaveValue('custom')
    expect(screen.getByLabelText('From')).toHaveValue('2026-01-01')
    expect(screen.getByLabelText('Agent')).toHaveValue('9')
    expect(screen.getByLabelText('Group by')).toHaveValue('priority')
    expect(screen.getByLabelText('Interval')).toHaveValue('week')
    expect(asked(fetch, 'sla')).toEqual(['since=2026-01-01&until=2026-01-31&agent=9&group_by=priority'])
  })

  it('keeps every agent the report showed selectable once one is picked', async () => {
    const user = userEvent.setup()
    renderAt('/admin/reports')
    await screen.findByRole('option', { name: 'Bo Bishop' })
    answers['/api/v1/reports/agents/'] = { ...PERIOD, results: [BO] }
    await user.selectOptions(screen.getByLabelText('Agent'), 'Bo Bishop')
    await waitFor(() => expect(asked(fetch, 'agents').at(-1)).toMatch(/&agent=9$/))
    await waitFor(() => expect(within(region('Agent performance')).queryByText('Ada Agent')).not.toBeInTheDocument())
    expect(within(screen.getByLabelText('Agent')).getByRole('option', { name: 'Ada Agent' })).toBeInTheDocument()
  })

  it('shows the API\'s 400 once, in words', async () => {
    const rejected = () => json({ until: ['Must be after since.'] }, 400)
    for (const name of ['summary', 'sla', 'agents', 'steps', 'volume']) answers[`/api/v1/reports/${name}/`] = rejected
    renderAt('/admin/reports?period=custom&since=2026-01-01&until=2026-01-31')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('These filters cannot be used. Until: Must be after since.')
    // six sections (the volume report draws two charts), one message
    await waitFor(() => expect(screen.getAllByText('No figures for these filters.')).toHaveLength(6))
    expect(screen.getAllByRole('alert')).toHaveLength(1)
    expect(screen.queryByRole('link', { name: /CSV/ })).not.toBeInTheDocument()
  })

  it('checks the dates before asking the API', async () => {
    renderAt('/admin/reports?period=custom&since=2026-02-01&until=2026-01-31')
    expect(await screen.findByRole('alert')).toHaveTextContent('Must be on or after the From date.')
    expect(screen.getByLabelText('Until')).toHaveAccessibleDescription('Must be on or after the From date.')
    expect(screen.getByText('Fix the dates above to see the reports.')).toBeInTheDocument()
    expect(fetch.mock.calls.filter(([url]) => url.startsWith('/api/v1/reports/'))).toHaveLength(0)
    expect(screen.queryByRole('link', { name: /CSV/ })).not.toBeInTheDocument()
  })

  it('offers each report as CSV with the filters applied', async () => {
    renderAt('/admin/reports?period=7d&workflow=1&group_by=agent&interval=week')
    await screen.findByText('Open tasks')
    const link = (name) => screen.getByRole('link', { name })
    const common = 'since=2026-03-04&until=2026-03-10&workflow=1'
    expect(link('Download summary CSV')).toHaveAttribute('href', `/api/v1/reports/summary/?${common}&format=csv`)
    expect(link('Download SLA CSV')).toHaveAttribute('href', `/api/v1/reports/sla/?${common}&group_by=agent&format=csv`)
    expect(link('Download volume CSV')).toHaveAttribute('href', `/api/v1/reports/volume/?${common}&interval=week&format=csv`)
    expect(link('Download steps CSV')).toHaveAttribute('href', `/api/v1/reports/steps/?${common}&format=csv`)
    expect(link('Download agents CSV')).toHaveAttribute('href', `/api/v1/reports/agents/?${common}&format=csv`)
    expect(link('Download agents CSV')).toHaveAttribute('download')
  })

  it('says when a report has nothing to show', async () => {
    const quiet = VOLUME.results.map((row) => ({ ...row, created: 0, completed: 0, sla_met: 0, sla_breached: 0, sla_met_percent: null }))
    answers['/api/v1/reports/volume/'] = { ...VOLUME, results: quiet }
    answers['/api/v1/reports/sla/'] = { ...SLA, results: [] }
    answers['/api/v1/reports/steps/'] = { ...STEPS, results: [] }
    answers['/api/v1/reports/agents/'] = { ...AGENTS, results: [] }
    renderAt('/admin/reports')
    expect(await screen.findByText('No tasks were created or completed in this period.')).toBeInTheDocument()
    expect(screen.getByText('No tasks with an SLA target were completed in this period.')).toBeInTheDocument()
    expect(screen.getByText('No tasks in this period.')).toBeInTheDocument()
    expect(screen.getByText('No steps were entered in this period.')).toBeInTheDocument()
    expect(screen.getByText('No agent held an item in this period.')).toBeInTheDocument()
    expect(screen.queryByRole('img')).not.toBeInTheDocument()
  })

  it('shows a failed report\'s error with a retry, and the others still', async () => {
    const user = userEvent.setup()
    answers['/api/v1/reports/steps/'] = () => json({ detail: 'Server error.' }, 500)
    renderAt('/admin/reports')
    const steps = region('Step bottlenecks')
    expect(await within(steps).findByRole('alert')).toHaveTextContent('Server error.')
    expect(await screen.findByRole('img', { name: 'Volume trend' })).toBeInTheDocument()
    answers['/api/v1/reports/steps/'] = STEPS
    await user.click(within(steps).getByRole('button', { name: 'Try again' }))
    expect(await screen.findByRole('img', { name: 'Step bottlenecks' })).toBeInTheDocument()
  })

  it('lists agents in a table sortable by column', async () => {
    const user = userEvent.setup()
    renderAt('/admin/reports')
    const table = await within(region('Agent performance')).findByRole('table')
    const names = () => within(table).getAllByRole('rowheader').map((cell) => cell.textContent)
    expect(names()).toEqual(['Ada Agent', 'Bo Bishop'])
    expect(within(table).getByRole('row', { name: /Ada Agent/ })).toHaveTextContent('1 h 36 min')
    await user.click(within(table).getByRole('button', { name: 'Escalations' }))
    expect(names()).toEqual(['Bo Bishop', 'Ada Agent'])
    expect(within(table).getByRole('columnheader', { name: 'Escalations' })).toHaveAttribute('aria-sort', 'descending')
  })
})
