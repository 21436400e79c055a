import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes, useParams } from 'react-router-dom'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '../api/http.js'
import * as tickets from '../api/tickets.js'
import NewTicketPage from './NewTicketPage.jsx'

vi.mock('../api/tickets.js', async (importOriginal) => ({ ...(await importOriginal()), createTicket: vi.fn() }))

function Detail() {
  return <p>detail of {useParams().number}</p>
}

function renderPage() {
  render(
    <MemoryRouter initialEntries={['/tickets/new']}>
      <Routes>
        <Route path="/tickets/new" element={<NewTicketPage />} />
        <Route path="/tickets/:number" element={<Detail />} />
      </Routes>
    </MemoryRouter>,
  )
}

async function fillRequired(user) {
  await user.type(screen.getByLabelText('Subject'), 'Printer jam')
  await user.type(screen.getByLabelText('Category'), 'Hardware')
}

describe('NewTicketPage', () => {
  beforeEach(() => {
    tickets.createTicket.mockReset()
  })

  it('has every field with its label', () => {
    renderPage()
    expect(screen.getByRole('heading', { name: 'New ticket' })).toBeInTheDocument()
    for (const name of ['Subject', 'Description', 'Category', 'Department', 'Priority', 'Attachments']) {
      expect(screen.getByLabelText(name)).toBeInTheDocument()
    }
    expect(screen.getByLabelText('Priority')).toHaveValue('medium')
    expect(screen.getByLabelText('Attachments')).toHaveAttribute('multiple')
    expect(screen.getByRole('button', { name: 'Create ticket' })).toBeInTheDocument()
  })

  it('shows Subcategory once a category is given', async () => {
    const user = userEvent.setup()
    renderPage()
    expect(screen.queryByLabelText('Subcategory')).not.toBeInTheDocument()
    await user.type(screen.getByLabelText('Category'), 'Network')
    await user.type(screen.getByLabelText('Subcategory'), 'VPN')
    expect(screen.getByLabelText('Subcategory')).toHaveValue('VPN')
  })

  it('asks for subject and category before calling the API', async () => {
    const user = userEvent.setup()
    renderPage()
    await user.click(screen.getByRole('button', { name: 'Create ticket' }))
    expect(screen.getByText('Enter a subject.')).toBeInTheDocument()
    expect(screen.getByText('Enter a category.')).toBeInTheDocument()
    expect(screen.getByLabelText('Subject')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByLabelText('Subject')).toHaveAccessibleDescription('Enter a subject.')
    expect(screen.getByLabelText('Subject')).toHaveFocus()
    expect(tickets.createTicket).not.toHaveBeenCalled()
  })

  it('shows the API’s field errors next to their fields', async () => {
    tickets.createTicket.mockRejectedValue(
      new ApiError(400, {
        priority: ['"now" is not a valid priority: use low, medium, high or urgent.'],
        attachments: ['error.exe: this kind of file is not accepted.'],
      }),
    )
    const user = userEvent.setup()
    renderPage()
    await fillRequired(user)
    await user.click(screen.getByRole('button', { name: 'Create ticket' }))
    expect(await screen.findByText('Please correct the marked fields.')).toBeInTheDocument()
    expect(screen.getByLabelText('Priority')).toHaveAccessibleDescription(
      '"now" is not a valid priority: use low, medium, high or urgent.',
    )
    expect(screen.getByLabelText('Attachments')).toHaveAccessibleDescription(
      expect.stringContaining('error.exe: this kind of file is not accepted.'),
    )
    expect(screen.getByRole('button', { name: 'Create ticket' })).toBeEnabled()
  })

  it('explains the rate limit', async () => {
    tickets.createTicket.mockRejectedValue(new ApiError(429, { detail: 'Request was throttled.' }, 120))
    const user = userEvent.setup()
    renderPage()
    await fillRequired(user)
    await user.click(screen.getByRole('button', { name: 'Create ticket' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Try again in 120 seconds.')
  })

  it('uploads the files with a progress indicator, then opens the new ticket', async () => {
    let progress
    let finish
    tickets.createTicket.mockImplementation((fields, files, onProgress) => {
      progress = onProgress
      return new Promise((resolve) => {
        finish = resolve
      })
    })
    const user = userEvent.setup()
    renderPage()
    await fillRequired(user)
    await user.type(screen.getByLabelText('Description'), 'Paper everywhere.')
    await user.selectOptions(screen.getByLabelText('Priority'), 'high')
    const file = new File(['%PDF-1.4'], 'report.pdf', { type: 'application/pdf' })
    await user.upload(screen.getByLabelText('Attachments'), file)
    expect(screen.getByText('report.pdf')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Create ticket' }))

    expect(tickets.createTicket).toHaveBeenCalledWith(
      { subject: 'Printer jam', description: 'Paper everywhere.', category: 'Hardware', subcategory: '', department: '', priority: 'high' },
      [file],
      expect.any(Function),
      expect.stringMatching(/^[0-9a-f]{32}$/),
    )
    expect(screen.getByRole('progressbar', { name: 'Upload progress' })).toHaveAttribute('value', '0')
    act(() => progress(42))
    expect(screen.getByRole('progressbar', { name: 'Upload progress' })).toHaveAttribute('value', '42')
    expect(screen.getByText('Uploading… 42%')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Creating…' })).toBeDisabled()

    await act(async () => finish({ number: 'TKT-2026-000042' }))
    expect(await screen.findByText('detail of TKT-2026-000042')).toBeInTheDocument()
  })

  it('shows no progress bar without files', async () => {
    tickets.createTicket.mockReturnValue(new Promise(() => {}))
    const user = userEvent.setup()
    renderPage()
    await fillRequired(user)
    await user.click(screen.getByRole('button', { name: 'Create ticket' }))
    expect(tickets.createTicket).toHaveBeenCalledWith(expect.any(Object), [], undefined, expect.any(String))
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
  })

  it('sends the same Idempotency-Key when the same form is sent again, a new one once it changed', async () => {
    tickets.createTicket.mockRejectedValue(new ApiError(0, null))
    const user = userEvent.setup()
    renderPage()
    await fillRequired(user)
    const send = () => user.click(screen.getByRole('button', { name: 'Create ticket' }))
    await send()
    await screen.findByRole('alert')
    await send()
    await user.type(screen.getByLabelText('Description'), 'More detail.')
    await send()

    const keys = tickets.createTicket.mock.calls.map((call) => call[3])
    expect(keys).toHaveLength(3)
    expect(keys[1]).toBe(keys[0])
    expect(keys[2]).not.toBe(keys[0])
  })
})
