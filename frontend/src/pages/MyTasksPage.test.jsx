import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '../api/http.js'
import * as workflow from '../api/workflow.js'
import MyTasksPage from './MyTasksPage.jsx'

vi.mock('../api/workflow.js', async (importOriginal) => ({
  ...(await importOriginal()),
  listTasks: vi.fn(),
  listWorkflows: vi.fn(),
}))

const task = (id, number, extra = {}) => ({
  id,
  ticket: { number, subject: `Subject ${id}`, priority: 'high', department: 'IT', category: 'Hardware' },
  workflow: { id: 3, name: 'IT support', version: 1 },
  current_step: { id: 's1', name: 'Triage', instructions: '' },
  status: 'active',
  outcome: '',
  sla: { due_at: new Date(Date.now() + 135 * 60_000).toISOString(), remaining_minutes: 135, state: 'on_track' },
  ...extra,
})

function Where() {
  const location = useLocation()
  return <p data-testid="where">{location.pathname + location.search}</p>
}

function renderPage(entry = '/tasks') {
  render(
    <MemoryRouter initialEntries={[entry]}>
      <Routes>
        <Route
          path="/tasks"
          element={
            <>
              <MyTasksPage />
              <Where />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  )
}

describe('MyTasksPage', () => {
  beforeEach(() => {
    workflow.listTasks.mockReset()
    workflow.listWorkflows.mockReset().mockResolvedValue({ count: 1, results: [{ id: 3, name: 'IT support' }] })
  })

  it('renders a row per task with its link, step, badges and countdown', async () => {
    workflow.listTasks.mockResolvedValue({
      count: 2,
      next: null,
      previous: null,
      results: [
        task(12, 'TK-0012'),
        task(13, 'TK-0013', {
          status: 'on_hold',
          current_step: { id: 's2', name: 'Fix', instructions: '' },
          sla: { due_at: null, remaining_minutes: null, state: 'paused' },
        }),
      ],
    })
    renderPage()
    expect(screen.getByRole('heading', { name: 'My tasks' })).toBeInTheDocument()
    const link = await screen.findByRole('link', { name: /TK-0012/ })
    expect(link).toHaveAttribute('href', '/tasks/12')
    expect(workflow.listTasks).toHaveBeenCalledWith({ page: 1, page_size: 20 })
    const rows = within(screen.getByRole('table', { name: 'My tasks' })).getAllByRole('row')
    expect(rows).toHaveLength(3)
    expect(within(rows[1]).getByText('Triage')).toBeInTheDocument()
    expect(within(rows[1]).getByText('2 h 15 min left')).toBeInTheDocument()
    expect(within(rows[1]).getByText('on track')).toBeInTheDocument()
    expect(within(rows[2]).getAllByText('paused')).toHaveLength(2) // badge and countdown
    expect(within(rows[2]).getByText('on hold')).toBeInTheDocument()
  })

  it('shows the empty state', async () => {
    workflow.listTasks.mockResolvedValue({ count: 0, next: null, previous: null, results: [] })
    renderPage()
    expect(await screen.findByText('No tasks for you right now.')).toBeInTheDocument()
  })

  it('keeps filters in the URL and sends them to the API', async () => {
    const user = userEvent.setup()
    workflow.listTasks.mockResolvedValue({ count: 0, next: null, previous: null, results: [] })
    renderPage('/tasks?priority=high')
    await screen.findByText('No tasks match these filters.')
    expect(workflow.listTasks).toHaveBeenLastCalledWith({ priority: 'high', page: 1, page_size: 20 })
    await screen.findByRole('option', { name: 'IT support' })
    await user.selectOptions(screen.getByLabelText('Workflow'), '3')
    expect(screen.getByTestId('where')).toHaveTextContent('/tasks?priority=high&workflow=3')
    expect(workflow.listTasks).toHaveBeenLastCalledWith({ priority: 'high', workflow: '3', page: 1, page_size: 20 })
  })

  it('filters the page by SLA state', async () => {
    workflow.listTasks.mockResolvedValue({
      count: 2,
      results: [task(12, 'TK-0012'), task(13, 'TK-0013', { sla: { due_at: null, remaining_minutes: -3, state: 'breached' } })],
    })
    renderPage('/tasks?sla=breached')
    expect(await screen.findByRole('link', { name: /TK-0013/ })).toBeInTheDocument()
    expect(screen.queryByRole('link', { name: /TK-0012/ })).not.toBeInTheDocument()
    expect(screen.getByText('overdue by 3 min')).toBeInTheDocument()
  })

  it('shows an error with a retry', async () => {
    const user = userEvent.setup()
    workflow.listTasks.mockRejectedValueOnce(new ApiError(0, null))
    workflow.listTasks.mockResolvedValueOnce({ count: 0, results: [] })
    renderPage()
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the server')
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByText('No tasks for you right now.')).toBeInTheDocument()
  })
})
