import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import AuditPage from './AuditPage.jsx'
import { renderRoute } from '../../test/routing.jsx'

const UPDATED = {
  id: 12,
  actor_id: '1',
  actor_email: 'ada@example.com',
  action: 'workflow.updated',
  object_type: 'workflow',
  object_id: '4',
  old: { name: 'Printers', priority: 'high' },
  new: { name: 'Printing', priority: 'high' },
  ip: '10.0.0.5',
  created_at: '2026-03-02T09:00:00Z',
}
const SYSTEM = {
  id: 11,
  actor_id: '',
  actor_email: '',
  action: 'workflowticket.touched',
  object_type: 'workflowticket',
  object_id: '8',
  old: null,
  new: null,
  ip: null,
  created_at: '2026-03-01T09:00:00Z',
}

let answer
let urls
beforeEach(() => {
  answer = { status: 200, body: { count: 2, next: null, previous: null, results: [UPDATED, SYSTEM] } }
  urls = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url) => {
      urls.push(url)
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': 'application/json' } })
    }),
  )
})
afterEach(() => vi.unstubAllGlobals())

const renderAt = (url) => renderRoute(url, '/admin/audit', <AuditPage />)

const apiQuery = () => new URL(urls.at(-1), 'http://x').searchParams

describe('AuditPage', () => {
  it('lists entries newest first with actor, action and object', async () => {
    renderAt('/admin/audit')
    const table = await screen.findByRole('table', { name: 'Audit log' })
    expect(urls[0]).toBe('/api/v1/audit/?page=1&page_size=25')
    const row = within(table).getByText('workflow.updated').closest('tr')
    expect(within(row).getByText('ada@example.com')).toBeInTheDocument()
    expect(within(row).getByText('workflow #4')).toBeInTheDocument()
    expect(within(row).getByText('10.0.0.5')).toBeInTheDocument()
    const system = within(table).getByText('workflowticket.touched').closest('tr')
    expect(within(system).getByText('System')).toBeInTheDocument()
    expect(within(system).getByText('None recorded')).toBeInTheDocument()
    expect(screen.getByText('2 entries')).toBeInTheDocument()
  })

  it('opens an entry’s changes field by field', async () => {
    const user = userEvent.setup()
    renderAt('/admin/audit')
    const toggle = await screen.findByRole('button', { name: 'Show changes of workflow.updated on workflow #4' })
    expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await user.click(toggle)
    expect(toggle).toHaveAttribute('aria-expanded', 'true')
    const details = document.getElementById(toggle.getAttribute('aria-controls'))
    const name = within(details).getByRole('rowheader', { name: 'name (changed)' }).closest('tr')
    expect(within(name).getByText('Printers')).toBeInTheDocument()
    expect(within(name).getByText('Printing')).toBeInTheDocument()
    expect(within(details).getByRole('rowheader', { name: 'priority' })).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Hide changes of workflow.updated on workflow #4' }))
    expect(document.getElementById('audit-changes-12')).toBeNull()
  })

  it('puts the filters in the URL and the API query', async () => {
    const user = userEvent.setup()
    renderAt('/admin/audit?page=3')
    await screen.findByRole('table', { name: 'Audit log' })

    await user.type(screen.getByLabelText('Actor (user id)'), '1')
    await user.type(screen.getByLabelText('Action'), 'workflow.published')
    await user.type(screen.getByLabelText('Object type'), 'workflow')
    await user.type(screen.getByLabelText('Object id'), '4')
    await user.click(screen.getByRole('button', { name: 'Apply filters' }))

    // a new filter starts again on page 1
    expect(screen.getByTestId('where')).toHaveTextContent(
      '/admin/audit?actor=1&action=workflow.published&object_type=workflow&object_id=4',
    )
    await waitFor(() => expect(apiQuery().get('action')).toBe('workflow.published'))
    expect(Object.fromEntries(apiQuery())).toEqual({
      actor: '1',
      action: 'workflow.published',
      object_type: 'workflow',
      object_id: '4',
      page: '1',
      page_size: '25',
    })

    // the dates apply at once; "until" takes in the whole day
    await user.type(screen.getByLabelText('From'), '2026-03-01')
    await user.type(screen.getByLabelText('Until (inclusive)'), '2026-03-02')
    expect(screen.getByTestId('where')).toHaveTextContent('since=2026-03-01&until=2026-03-02')
    await waitFor(() => expect(apiQuery().get('until')).toBe(new Date(2026, 2, 3).toISOString()))
    expect(apiQuery().get('since')).toBe(new Date(2026, 2, 1).toISOString())

    await user.click(screen.getByRole('button', { name: 'Clear filters' }))
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/admin\/audit$/)
    expect(screen.getByLabelText('Action')).toHaveValue('')
  })

  it('reads the filters from the URL', async () => {
    renderAt('/admin/audit?object_type=calendar&object_id=3&page=2')
    await screen.findByRole('table', { name: 'Audit log' })
    expect(urls[0]).toBe('/api/v1/audit/?object_type=calendar&object_id=3&page=2&page_size=25')
    expect(screen.getByLabelText('Object type')).toHaveValue('calendar')
    expect(screen.getByLabelText('Object id')).toHaveValue('3')
    expect(screen.getByText('2 entries match your filters')).toBeInTheDocument()
  })

  it('pages through the log', async () => {
    answer.body = { ...answer.body, count: 60 }
    const user = userEvent.setup()
    renderAt('/admin/audit?action=task.acted')
    await screen.findByText('Page 1 of 3')
    await user.click(screen.getByRole('button', { name: 'Next' }))
    expect(screen.getByTestId('where')).toHaveTextContent('/admin/audit?action=task.acted&page=2')
    await waitFor(() => expect(apiQuery().get('page')).toBe('2'))
  })

  it('says when nothing matches', async () => {
    answer.body = { count: 0, next: null, previous: null, results: [] }
    renderAt('/admin/audit?actor=99')
    expect(await screen.findByText('No audit entries match.')).toBeInTheDocument()
  })

  it('shows an error with a retry', async () => {
    answer = { status: 403, body: { detail: 'You do not have permission to perform this action.' } }
    const user = userEvent.setup()
    renderAt('/admin/audit')
    expect(await screen.findByRole('alert')).toHaveTextContent('You do not have permission to perform this action.')
    answer = { status: 200, body: { count: 1, next: null, previous: null, results: [UPDATED] } }
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByRole('table', { name: 'Audit log' })).toBeInTheDocument()
  })
})
