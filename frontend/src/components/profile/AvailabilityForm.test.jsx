import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import * as auth from '../../api/auth.js'
import { useAuth } from '../../auth/AuthContext.jsx'
import AvailabilityForm from './AvailabilityForm.jsx'

vi.mock('../../api/auth.js', async (importOriginal) => ({ ...(await importOriginal()), searchColleagues: vi.fn() }))
vi.mock('../../auth/AuthContext.jsx', () => ({ useAuth: vi.fn() }))

const json = (data, status = 200) => ({
  status,
  ok: status < 400,
  headers: { get: () => 'application/json' },
  json: async () => data,
})

let stored
let fetchMock

describe('AvailabilityForm', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    useAuth.mockReturnValue({ user: { id: 7, email: 'ana@example.com' }, isAgent: true })
    stored = { is_available: true, delegate_id: null, note: '', updated_at: null }
    fetchMock = vi.fn(async (url, init = {}) => {
      if (url === '/api/v1/tasks/availability/' && (!init.method || init.method === 'GET')) return json(stored)
      if (url === '/api/v1/tasks/availability/' && init.method === 'PUT') {
        stored = { ...JSON.parse(init.body), updated_at: '2020-01-01T00:00:00Z' }
        return json(stored)
      }
      return json({ detail: 'Not found.' }, 404)
    })
    vi.stubGlobal('fetch', fetchMock)
    auth.searchColleagues.mockResolvedValue({
      count: 2,
      next: null,
      previous: null,
      results: [
        { id: 7, email: 'ana@example.com', name: 'Ana Self', handle: 'ana.self', department: 'IT', roles: [] },
        { id: 12, email: 'alan@example.com', name: 'Alan Turing', handle: 'alan.turing', department: 'IT', roles: [] },
      ],
    })
  })

  const putBodies = () =>
    fetchMock.mock.calls.filter(([, init]) => init?.method === 'PUT').map(([, init]) => JSON.parse(init.body))

  it('goes away with a delegate and a note, sending the right body', async () => {
    const user = userEvent.setup()
    render(<AvailabilityForm />)
    const available = await screen.findByRole('radio', { name: 'Available' })
    expect(available).toBeChecked()
    expect(screen.queryByRole('combobox', { name: 'Delegate' })).not.toBeInTheDocument()

    await user.click(screen.getByRole('radio', { name: 'Away' }))
    await user.type(screen.getByRole('combobox', { name: 'Delegate' }), 'al')
    await waitFor(() => expect(auth.searchColleagues).toHaveBeenCalledWith('al'))
    // oneself is never offered
    expect(await screen.findByRole('option', { name: /Alan Turing/ })).toBeInTheDocument()
    expect(screen.queryByRole('option', { name: /Ana Self/ })).not.toBeInTheDocument()
    await user.click(screen.getByRole('option', { name: /Alan Turing/ }))
    expect(screen.getByRole('combobox', { name: 'Delegate' })).toHaveValue('Alan Turing')
    await user.type(screen.getByLabelText('Note'), 'On leave until Monday')
    await user.click(screen.getByRole('button', { name: 'Save availability' }))

    await screen.findByText('Availability saved: you are away.')
    expect(putBodies()).toEqual([{ is_available: false, delegate_id: 12, note: 'On leave until Monday' }])
  })

  it('picks the delegate with the keyboard', async () => {
    const user = userEvent.setup()
    render(<AvailabilityForm />)
    await user.click(await screen.findByRole('radio', { name: 'Away' }))
    const box = screen.getByRole('combobox', { name: 'Delegate' })
    await user.type(box, 'alan')
    await screen.findByRole('option', { name: /Alan Turing/ })
    expect(box).toHaveAttribute('aria-expanded', 'true')
    await user.keyboard('{Enter}')
    expect(box).toHaveValue('Alan Turing')
    await user.click(screen.getByRole('button', { name: 'Save availability' }))
    await screen.findByText('Availability saved: you are away.')
    expect(putBodies()).toEqual([{ is_available: false, delegate_id: 12, note: '' }])
  })

  it('comes back as available without a delegate', async () => {
    stored = { is_available: false, delegate_id: 12, note: 'Away', updated_at: null }
    const user = userEvent.setup()
    render(<AvailabilityForm />)
    expect(await screen.findByRole('radio', { name: 'Away' })).toBeChecked()
    expect(screen.getByRole('combobox', { name: 'Delegate' })).toHaveValue('Colleague #12')
    expect(screen.getByLabelText('Note')).toHaveValue('Away')
    await user.click(screen.getByRole('radio', { name: 'Available' }))
    await user.click(screen.getByRole('button', { name: 'Save availability' }))
    await screen.findByText('Availability saved: you are available.')
    expect(putBodies()).toEqual([{ is_available: true, delegate_id: null, note: '' }])
  })

  it('shows a delegate error from the API next to the field', async () => {
    fetchMock.mockImplementation(async (url, init = {}) =>
      init.method === 'PUT'
        ? json({ delegate_id: ['You cannot delegate to yourself.'] }, 400)
        : json({ is_available: false, delegate_id: 12, note: '', updated_at: null }),
    )
    const user = userEvent.setup()
    render(<AvailabilityForm />)
    await screen.findByRole('combobox', { name: 'Delegate' })
    await user.click(screen.getByRole('button', { name: 'Save availability' }))
    expect(await screen.findByText('You cannot delegate to yourself.')).toHaveAttribute('id', 'availability-delegate-error')
    expect(screen.getByRole('combobox', { name: 'Delegate' })).toHaveAttribute('aria-invalid', 'true')
  })
})
