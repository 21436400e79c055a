import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import * as auth from '../api/auth.js'
import { ApiError } from '../api/http.js'
import * as workflow from '../api/workflow.js'
import { useAuth } from '../auth/AuthContext.jsx'
import ProfilePage from './ProfilePage.jsx'

vi.mock('../api/auth.js', async (importOriginal) => ({
  ...(await importOriginal()),
  getProfile: vi.fn(),
  updateProfile: vi.fn(),
}))
vi.mock('../api/workflow.js', async (importOriginal) => ({
  ...(await importOriginal()),
  getAvailability: vi.fn(),
  setAvailability: vi.fn(),
}))
vi.mock('../auth/AuthContext.jsx', () => ({ useAuth: vi.fn() }))

const PROFILE = {
  id: 7,
  email: 'ana@example.com',
  first_name: 'Ana',
  last_name: 'Lyst',
  name: 'Ana Lyst',
  department: 'IT',
  phone: '',
  roles: ['tts:Agent', 'tts:Admin'],
  totp_enabled: false,
}

describe('ProfilePage', () => {
  const setUser = vi.fn()
  beforeEach(() => {
    vi.clearAllMocks()
    useAuth.mockReturnValue({ user: { ...PROFILE, roles: ['tts:Agent'] }, isAgent: true, setUser })
    auth.getProfile.mockResolvedValue(PROFILE)
    workflow.getAvailability.mockResolvedValue({ is_available: true, delegate_id: null, note: '', updated_at: null })
  })

  it('shows every section for an agent', async () => {
    render(<ProfilePage />)
    expect(screen.getByRole('heading', { name: 'Profile', level: 1 })).toBeInTheDocument()
    expect(await screen.findByLabelText('First name')).toHaveValue('Ana')
    expect(screen.getByLabelText('Last name')).toHaveValue('Lyst')
    expect(screen.getByLabelText('Department')).toHaveValue('IT')
    expect(screen.getByLabelText('Phone')).toHaveValue('')
    expect(screen.getByRole('heading', { name: 'Change password' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Set up two-factor authentication' })).toBeInTheDocument()
    expect(await screen.findByRole('radio', { name: 'Available' })).toBeChecked()
  })

  it('has no availability for a requester', async () => {
    useAuth.mockReturnValue({ user: PROFILE, isAgent: false, setUser })
    render(<ProfilePage />)
    await screen.findByLabelText('First name')
    expect(screen.queryByRole('heading', { name: 'Availability' })).not.toBeInTheDocument()
    expect(workflow.getAvailability).not.toHaveBeenCalled()
  })

  it('saves the profile and updates the signed-in user', async () => {
    auth.updateProfile.mockImplementation(async (fields) => ({ ...PROFILE, ...fields, name: 'Ana Lystova' }))
    const user = userEvent.setup()
    render(<ProfilePage />)
    const last = await screen.findByLabelText('Last name')
    await user.clear(last)
    await user.type(last, 'Lystova')
    await user.type(screen.getByLabelText('Phone'), '+358 40 123')
    await user.click(screen.getByRole('button', { name: 'Save profile' }))
    expect(auth.updateProfile).toHaveBeenCalledWith({ first_name: 'Ana', last_name: 'Lystova', department: 'IT', phone: '+358 40 123' })
    expect(await screen.findByText('Profile saved.')).toBeInTheDocument()
    expect(setUser).toHaveBeenCalledWith(expect.objectContaining({ last_name: 'Lystova', name: 'Ana Lystova', roles: ['tts:Agent'] }))
  })

  it('shows field errors from the API', async () => {
    auth.updateProfile.mockRejectedValue(new ApiError(400, { phone: ['This value does not match the required pattern.'] }))
    const user = userEvent.setup()
    render(<ProfilePage />)
    await user.type(await screen.findByLabelText('Phone'), 'call me')
    await user.click(screen.getByRole('button', { name: 'Save profile' }))
    expect(await screen.findByText('This value does not match the required pattern.')).toHaveAttribute('id', 'profile-phone-error')
    expect(screen.getByLabelText('Phone')).toHaveAttribute('aria-invalid', 'true')
    expect(setUser).not.toHaveBeenCalled()
  })

  it('shows a load error with a retry', async () => {
    auth.getProfile.mockRejectedValueOnce(new ApiError(0, null))
    const user = userEvent.setup()
    render(<ProfilePage />)
    expect(await screen.findByText(/Cannot reach the server/)).toBeInTheDocument()
    await user.click(screen.getAllByRole('button', { name: 'Try again' })[0])
    expect(await screen.findByLabelText('First name')).toHaveValue('Ana')
  })
})
