import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '../api/http.js'
import * as tickets from '../api/tickets.js'
import { useAuth } from '../auth/AuthContext.jsx'
import TicketsPage from './TicketsPage.jsx'
import { renderRoute } from '../test/routing.jsx'

vi.mock('../api/tickets.js', async (importOriginal) => ({ ...(await importOriginal()), listTickets: vi.fn() }))
vi.mock('../auth/AuthContext.jsx', () => ({ useAuth: vi.fn() }))

const TICKET = {
  id: 3,
  number: 'TKT-2026-000042',
  subject: 'Printer jam',
  status: 'in_progress',
  priority: 'high',
  requester: { id: '42', name: 'Rita Requester', email: 'rita@example.com' },
  assignee: null,
  sla_due_at: '2020-01-01T10:00:00Z',
  created_at: '2019-12-31T10:00:00Z',
  updated_at: '2020-01-01T09:00:00Z',
}

const renderAt = (url) => renderRoute(url, '/tickets', <TicketsPage />)

describe('TicketsPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    useAuth.mockReturnValue({ user: { id: 7 }, isAgent: true, isAdmin: false })
    tickets.listTickets.mockResolvedValue({ count: 1, next: null, previous: null, results: [TICKET] })
  })

  it('lists tickets with a link named by the number, badges and SLA', async () => {
    renderAt('/tickets')
    expect(screen.getByRole('heading', { name: 'Tickets' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'New ticket' })).toHaveAttribute('href', '/tickets/new')
    const link = await screen.findByRole('link', { name: 'TKT-2026-000042' })
    expect(link).toHaveAttribute('href', '/tickets/TKT-2026-000042')
    const row = link.closest('tr')
    expect(within(row).getByText('Printer jam')).toBeInTheDocument()
    expect(within(row).getByText('in progress')).toBeInTheDocument()
    expect(within(row).getByText('high')).toBeInTheDocument()
    expect(within(row).getByText('breached')).toBeInTheDocument()
    expect(within(row).getByText('Rita Requester')).toBeInTheDocument()
    expect(tickets.listTickets).toHaveBeenCalledWith({ ordering: '-created_at', page: 1, page_size: 20 })
  })

  it('reads the filters from the URL and writes changes back to it', async () => {
    const user = userEvent.setup()
    renderAt('/tickets?status=open&search=vpn&page=2&created_before=2026-01-31')
    await screen.findByRole('link', { name: 'TKT-2026-000042' })
    expect(tickets.listTickets).toHaveBeenLastCalledWith({
      status: 'open',
      search: 'vpn',
      created_before: '2026-02-01T00:00:00',
      ordering: '-created_at',
      page: 2,
      page_size: 20,
    })
    expect(screen.getByLabelText('Status')).toHaveValue('open')
    expect(screen.getByLabelText('Search')).toHaveValue('vpn')

    await user.selectOptions(screen.getByLabelText('Priority'), 'urgent')
    expect(screen.getByTestId('where')).toHaveTextContent('/tickets?status=open&search=vpn&created_before=2026-01-31&priority=urgent')
    await user.selectOptions(screen.getByLabelText('Sort by'), '-priority')
    await user.selectOptions(screen.getByLabelText('Assignee'), 'none')
    await user.type(screen.getByLabelText('Category'), 'Network')
    await user.click(screen.getByRole('button', { name: 'Apply filters' }))
    expect(tickets.listTickets).toHaveBeenLastCalledWith(
      expect.objectContaining({ priority: 'urgent', ordering: '-priority', assignee: 'none', category: 'Network', page: 1 }),
    )

    await user.click(screen.getByRole('button', { name: 'Clear filters' }))
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/tickets$/)
    expect(screen.getByLabelText('Search')).toHaveValue('')
    expect(screen.getByLabelText('Category')).toHaveValue('')
  })

  it('pages through the list', async () => {
    tickets.listTickets.mockResolvedValue({ count: 45, next: 'x', previous: null, results: [TICKET] })
    const user = userEvent.setup()
    renderAt('/tickets')
    await screen.findByText('Page 1 of 3')
    await user.click(screen.getByRole('button', { name: 'Next' }))
    expect(screen.getByTestId('where')).toHaveTextContent('/tickets?page=2')
    expect(tickets.listTickets).toHaveBeenLastCalledWith(expect.objectContaining({ page: 2 }))
  })

  it('says when nothing matches', async () => {
    tickets.listTickets.mockResolvedValue({ count: 0, next: null, previous: null, results: [] })
    renderAt('/tickets?status=closed')
    expect(await screen.findByText('No tickets match.')).toBeInTheDocument()
  })

  it('shows an error with a retry', async () => {
    tickets.listTickets.mockRejectedValueOnce(new ApiError(0, null))
    const user = userEvent.setup()
    renderAt('/tickets')
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the server.')
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByRole('link', { name: 'TKT-2026-000042' })).toBeInTheDocument()
  })

  it('offers requesters no assignee filter', async () => {
    useAuth.mockReturnValue({ user: { id: 42 }, isAgent: false, isAdmin: false })
    renderAt('/tickets')
    await screen.findByRole('link', { name: 'TKT-2026-000042' })
    expect(screen.queryByLabelText('Assignee')).not.toBeInTheDocument()
  })
})
