import { render, screen } from '@testing-library/react'
import { MemoryRouter, Route, Routes } from 'react-router-dom'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '../api/http.js'
import * as tickets from '../api/tickets.js'
import TicketDetailPage from './TicketDetailPage.jsx'

vi.mock('../api/tickets.js', async (importOriginal) => ({
  ...(await importOriginal()),
  getTicket: vi.fn(),
  getTicketHistory: vi.fn(),
}))
vi.mock('../components/comments/CommentThread.jsx', () => ({
  default: ({ number }) => <p>comments of {number}</p>,
}))

const TICKET = {
  id: 3,
  number: 'TKT-2026-000042',
  subject: 'Laptop will not boot',
  description: 'Black screen after the update.',
  category: 'Hardware',
  subcategory: '',
  department: 'IT',
  status: 'open',
  priority: 'high',
  requester: { id: '42', name: 'Rita Requester', email: 'rita@example.com' },
  assignee: { id: '7', name: 'Alan Agent' },
  sla_due_at: null,
  tags: [],
  created_at: '2026-11-22T09:30:00Z',
  updated_at: '2026-11-22T09:31:00Z',
  resolved_at: null,
  attachments: [{ id: 11, name: 'error-report.pdf', size: 2048, download_url: '/api/v1/tickets/3/attachments/11/download/' }],
}

function renderAt(number) {
  render(
    <MemoryRouter initialEntries={[`/tickets/${number}`]}>
      <Routes>
        <Route path="/tickets/:number" element={<TicketDetailPage />} />
      </Routes>
    </MemoryRouter>,
  )
}

describe('TicketDetailPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    tickets.getTicket.mockResolvedValue(TICKET)
    tickets.getTicketHistory.mockResolvedValue([
      { id: 1, from_status: 'new', to_status: 'open', assignee: { id: '7', name: 'Alan Agent' }, changed_at: '2026-11-22T09:31:00Z' },
    ])
  })

  it('shows the ticket, its files, history and comments', async () => {
    renderAt('TKT-2026-000042')
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('TKT-2026-000042 Laptop will not boot')
    expect(tickets.getTicket).toHaveBeenCalledWith('TKT-2026-000042')
    expect(screen.getByText('Black screen after the update.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'error-report.pdf' })).toHaveAttribute('href', '/api/v1/tickets/3/attachments/11/download/')
    expect(screen.getByText('Hardware')).toBeInTheDocument()
    expect(await screen.findByText(/new → open/)).toBeInTheDocument()
    expect(screen.getByText('comments of TKT-2026-000042')).toBeInTheDocument()
  })

  it('does not tell a 404 from a ticket one may not see', async () => {
    tickets.getTicket.mockRejectedValue(new ApiError(404, { detail: 'No ticket with this id or number that you can see.' }))
    tickets.getTicketHistory.mockRejectedValue(new ApiError(404, {}))
    renderAt('TKT-2026-999999')
    expect(await screen.findByText('No such ticket, or you may not see it.')).toBeInTheDocument()
    expect(screen.queryByText(/comments of/)).not.toBeInTheDocument()
  })

  it('offers a retry when the service fails', async () => {
    tickets.getTicket.mockRejectedValue(new ApiError(503, { detail: 'Service unavailable.' }))
    renderAt('TKT-2026-000042')
    expect(await screen.findByRole('alert')).toHaveTextContent('Service unavailable.')
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument()
  })
})
