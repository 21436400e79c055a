import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router-dom'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import UnassignedPage from './UnassignedPage.jsx'

const TICKET = {
  ticket_number: 'TKT-2026-000042',
  subject: 'Printer on fire',
  category: 'Hardware',
  subcategory: 'Printers',
  department: 'Facilities',
  priority: 'high',
  status: 'open',
  requester_id: '8',
  data: {},
  received_at: '2026-03-02T08:00:00Z',
  updated_at: '2026-03-02T08:00:00Z',
}
const WAITING = {
  task_id: 77,
  ticket_number: 'TKT-2026-000043',
  id: 501,
  step_id: 's2',
  step_name: 'Fix',
  role_id: 4,
  assignee: null,
  status: 'waiting',
  reason: '',
  assigned_at: null,
  sla: { due_at: '2026-03-03T12:00:00Z', remaining_minutes: 90, state: 'on_track' },
  history: [{ event: 'waiting', actor_id: '', note: 'no available holder of the role', at: '2026-03-02T09:30:00Z' }],
}
const WORKFLOWS = [
  { id: 5, name: 'Facilities requests', department: 'Facilities', category: 'Hardware', subcategory: '', status: 'published' },
  { id: 6, name: 'IT support', department: 'IT', category: 'Software', subcategory: '', status: 'published' },
]
const MEMBERS = [
  { id: 9, email: 'grace@example.com', name: 'Grace Hopper', is_active: true, grant_id: 1, grant_version: 1 },
  { id: 10, email: 'old@example.com', name: 'Gone', is_active: false, grant_id: 2, grant_version: 1 },
]

// A fake backend behind a mocked fetch; assigning takes the entry off the queue.
let server
function startServer({ assignUser } = {}) {
  server = { tickets: [TICKET], waiting: [WAITING], calls: [] }
  const reply = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  const page = (results) => ({ count: results.length, next: null, previous: null, results })
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url, init = {}) => {
      const method = init.method || 'GET'
      const body = init.body ? JSON.parse(init.body) : undefined
      server.calls.push({ method, url, body })
      const [path] = url.split('?')
      if (path === '/api/v1/tasks/unassigned/') return reply(200, { tickets: server.tickets, waiting: server.waiting })
      if (path === '/api/v1/tts/roles/') return reply(200, page([{ id: 4, system: 'tts', name: 'Facilities crew' }]))
      if (path === '/api/v1/workflows/') return reply(200, page(WORKFLOWS))
      if (path === '/api/v1/tts/roles/4/users/') return reply(200, page(MEMBERS))
      if (method === 'POST' && path === '/api/v1/workflow-tickets/TKT-2026-000042/assign-workflow/') {
        server.tickets = []
        return reply(201, { id: 100 })
      }
      if (method === 'POST' && path === '/api/v1/tasks/77/assign/') {
        const answer = assignUser?.(body)
        if (answer) return reply(...answer)
        server.waiting = []
        return reply(200, { ...WAITING, status: 'assigned' })
      }
      return reply(404, { detail: 'Not found.' })
    }),
  )
}
const requests = (method, path) => server.calls.filter((c) => c.method === method && c.url.split('?')[0] === path)

function renderPage() {
  render(
    <MemoryRouter>
      <UnassignedPage />
    </MemoryRouter>,
  )
}

describe('UnassignedPage', () => {
  beforeEach(() => startServer())
  afterEach(() => vi.unstubAllGlobals())

  it('shows tickets without a workflow and steps waiting for someone', async () => {
    renderPage()
    const tickets = await screen.findByRole('table', { name: 'Tickets without a workflow' })
    const link = within(tickets).getByRole('link', { name: 'TKT-2026-000042' })
    expect(link).toHaveAttribute('href', '/tickets/TKT-2026-000042')
    const row = link.closest('tr')
    expect(within(row).getByText('Printer on fire')).toBeInTheDocument()
    expect(within(row).getByText('Facilities / Hardware › Printers')).toBeInTheDocument()
    expect(within(row).getByText('high')).toBeInTheDocument()
    expect(within(row).getByRole('button', { name: 'Assign workflow to TKT-2026-000042' })).toBeInTheDocument()

    const waiting = screen.getByRole('table', { name: 'Steps waiting for an assignee' })
    const step = within(waiting).getByRole('link', { name: 'TKT-2026-000043' }).closest('tr')
    expect(within(step).getByText('Fix')).toBeInTheDocument()
    expect(await within(step).findByText('Facilities crew')).toBeInTheDocument()
    expect(within(step).getByText((_, node) => node?.getAttribute?.('datetime') === '2026-03-02T09:30:00Z')).toBeInTheDocument()
  })

  it('assigns a workflow after confirmation and refreshes the queue', async () => {
    const user = userEvent.setup()
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Assign workflow to TKT-2026-000042' }))
    const dialog = screen.getByRole('dialog', { name: 'Assign a workflow to TKT-2026-000042' })
    const select = await within(dialog).findByLabelText('Workflow')
    expect(requests('GET', '/api/v1/workflows/')[0].url).toBe('/api/v1/workflows/?page_size=100&status=published')

    // confirming without a choice asks for one and sends nothing
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
    expect(within(dialog).getByText('Choose a workflow.')).toBeInTheDocument()
    expect(requests('POST', '/api/v1/workflow-tickets/TKT-2026-000042/assign-workflow/')).toHaveLength(0)

    await user.selectOptions(select, 'Facilities requests — Facilities / Hardware')
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))

    const [post] = await waitFor(() => {
      const sent = requests('POST', '/api/v1/workflow-tickets/TKT-2026-000042/assign-workflow/')
      expect(sent).toHaveLength(1)
      return sent
    })
    expect(post.body).toEqual({ workflow_id: 5 })
    expect(await screen.findByText('TKT-2026-000042 now runs on “Facilities requests”.')).toBeInTheDocument()
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(await screen.findByText('Every ticket runs on a workflow.')).toBeInTheDocument()
    expect(requests('GET', '/api/v1/tasks/unassigned/')).toHaveLength(2)
  })

  it('assigns a waiting step to an active holder of its role', async () => {
    const user = userEvent.setup()
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Assign user to Fix of TKT-2026-000043' }))
    const dialog = screen.getByRole('dialog', { name: 'Assign “Fix” of TKT-2026-000043' })
    const select = await within(dialog).findByLabelText('Assign to')
    expect(within(select).queryByText(/Gone/)).not.toBeInTheDocument()
    expect(within(select).getByRole('option', { name: 'Grace Hopper <grace@example.com>' })).toHaveValue('9')
    await user.selectOptions(select, '9')
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))

    expect(await screen.findByText('“Fix” of TKT-2026-000043 is assigned to Grace Hopper <grace@example.com>.')).toBeInTheDocument()
    expect(requests('POST', '/api/v1/tasks/77/assign/')[0].body).toEqual({ user_id: 9 })
    expect(await screen.findByText('No step is waiting.')).toBeInTheDocument()
  })

  it('shows the API’s refusal next to the person', async () => {
    startServer({ assignUser: () => [400, { user_id: ['This user does not hold the step’s role, or is not available.'] }] })
    const user = userEvent.setup()
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Assign user to Fix of TKT-2026-000043' }))
    const dialog = screen.getByRole('dialog')
    await user.selectOptions(await within(dialog).findByLabelText('Assign to'), '9')
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
    expect(await within(dialog).findByText('This user does not hold the step’s role, or is not available.')).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Assign to')).toHaveAttribute('aria-invalid', 'true')
    expect(requests('GET', '/api/v1/tasks/unassigned/')).toHaveLength(1)
  })

  it('says when both queues are empty', async () => {
    server.tickets = []
    server.waiting = []
    renderPage()
    expect(await screen.findByText('Every ticket runs on a workflow.')).toBeInTheDocument()
    expect(screen.getByText('No step is waiting.')).toBeInTheDocument()
  })

  it('shows a failure with a retry', async () => {
    const user = userEvent.setup()
    const working = globalThis.fetch
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"detail": "Boom."}', { status: 500, headers: { 'Content-Type': 'application/json' } })))
    renderPage()
    expect(await screen.findByRole('alert')).toHaveTextContent('Boom.')
    vi.stubGlobal('fetch', working)
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByRole('table', { name: 'Tickets without a workflow' })).toBeInTheDocument()
  })
})
